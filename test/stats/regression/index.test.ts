import { describe, expect, it } from 'vitest';
import * as stats from '../../../src/stats/index.js';

describe('src/stats/index.ts re-exports the regression API', () => {
  it('exports every regression function', () => {
    const names = [
      'fitLinear',
      'fitLogistic',
      'fitPoisson',
      'modelVcov',
      'clusterVcov',
      'satterthwaiteDf',
      'coefTest',
      'deltaMethodSe',
      'averageMarginalEffectOnTreated',
      'poissonAmeOnTreated',
      'waldTestP',
    ] as const;
    for (const name of names) expect(typeof stats[name], name).toBe('function');
  });
});
