/** `--break <school>:<break>,…`: parsed into breaks by school; every mistake is one sentence with exit 2. */
import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseBreakFlags } from '../../src/generate/break-flag.js';
import { GeneratorOptionsSchema } from '../../src/generate/generator-options.js';
import { runCli } from '../helpers/run-cli.js';

describe('parseBreakFlags', () => {
  it('reads repeated flags, comma lists, spaces and lower-case school ids', () => {
    expect(parseBreakFlags(['SCH003:targeted', 'sch007: solo, no_reflection,solo'])).toEqual({ SCH003: ['targeted'], SCH007: ['solo', 'no_reflection'] });
    expect(parseBreakFlags([])).toEqual({});
  });

  it('refuses a value without a colon, an unknown break (suggesting the nearest) and a school named twice', () => {
    expect(() => parseBreakFlags(['SCH003'])).toThrow('--break must be <school_id>:<break>[,<break>…], e.g. SCH003:targeted,solo (got "SCH003").');
    expect(() => parseBreakFlags(['SCH003:sollo'])).toThrow('"sollo" is not a break (did you mean "solo"?)');
    expect(() => parseBreakFlags(['SCH003:solo', 'SCH003:targeted'])).toThrow('--break names SCH003 twice');
  });
});

describe('breaks in the generator options', () => {
  it('accepts program schools of the district and refuses others', () => {
    const ok = GeneratorOptionsSchema.safeParse({ out: 'x', schools: 12, breaks: { SCH012: ['solo'] } });
    expect(ok.success).toBe(true);
    const missing = GeneratorOptionsSchema.safeParse({ out: 'x', schools: 12, breaks: { SCH013: ['solo'] } });
    expect(missing.error!.issues[0]!.message).toBe('--break names school SCH013, which this district does not have (its schools are SCH001 to SCH012).');
    // the tenth school of a district of five or more has no program
    const noProgram = GeneratorOptionsSchema.safeParse({ out: 'x', schools: 12, breaks: { SCH010: ['solo'] } });
    expect(noProgram.error!.issues[0]!.message).toContain('SCH010, a school without a program');
  });
});

describe('hve generate --break', () => {
  it('writes the breaks into truth.json', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'hve-break-')), 'd');
    const r = runCli(['generate', '--out', out, '--students', '300', '--schools', '4', '--break', 'SCH002:academic_first', '--break', 'SCH004:not_prearranged,solo', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const truth = JSON.parse(readFileSync(join(out, 'truth.json'), 'utf8'));
    expect(truth.fidelity.breaks).toEqual({ SCH002: ['academic_first'], SCH004: ['not_prearranged', 'solo'] });
    expect(truth.fidelity.breaking_schools.pairs).toEqual(['SCH004']);
  });

  it('asks for a value when --break has none', () => {
    const r = runCli(['generate', '--out', join(tmpdir(), 'never-written'), '--break', '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('hve: --break needs a value: <school_id>:<break>[,<break>…], e.g. SCH003:targeted,solo.');
  });

  it('names a school the district does not have in one sentence, exit 2', () => {
    const r = runCli(['generate', '--out', join(tmpdir(), 'never-written'), '--schools', '4', '--break', 'SCH009:solo']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('hve: --break names school SCH009, which this district does not have (its schools are SCH001 to SCH004).');
  });
});
