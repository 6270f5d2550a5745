import { describe, expect, it } from 'vitest';
import * as stats from '../../src/stats/index.js';

describe('src/stats/index.ts', () => {
  it('re-exports every function of the agreed API', () => {
    const names = [
      'normalCdf',
      'normalQuantile',
      'tCdf',
      'tQuantile',
      'tTwoSidedP',
      'summarize',
      'welchDifference',
      'proportionDifference',
      'pooledSd',
      'smallSampleCorrection',
      'hedgesG',
      'coxIndex',
      'oddsRatio',
      'improvementIndex',
      'bhAdjust',
      'bhSignificant',
    ] as const;
    for (const name of names) expect(typeof stats[name], name).toBe('function');
  });
});
