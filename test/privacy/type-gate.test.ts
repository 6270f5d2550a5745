/**
 * The gate is the only way out, by type: tsc refuses raw results at every writer (type-gate.check.ts), and
 * no file outside src/privacy/ can make the sealed type.
 */
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT, freshDir } from '../helpers/paths.js';

/** Type-check one file with the project's compiler settings; returns tsc's exit code and output. */
function tscOn(file: string, dir: string): { code: number; out: string } {
  const config = join(dir, 'tsconfig.json');
  writeFileSync(config, JSON.stringify({ extends: join(ROOT, 'tsconfig.json'), include: [file, join(ROOT, 'src', 'types')], compilerOptions: { noUnusedLocals: false } }));
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', config], { encoding: 'utf8', cwd: ROOT });
  return { code: r.status ?? -1, out: r.stdout + r.stderr };
}

describe('the publishable type', () => {
  const dir = freshDir('type-gate');
  const check = join(ROOT, 'test', 'privacy', 'type-gate.check.ts');

  it('compiles only when every raw call is refused: each @ts-expect-error in type-gate.check.ts is used', () => {
    const r = tscOn(check, dir);
    expect(r.out).toBe('');
    expect(r.code).toBe(0);
  }, 120_000);

  it('fails tsc at each writer when the gate is skipped: the same calls without @ts-expect-error give one error each', () => {
    const text = readFileSync(check, 'utf8');
    const expected = text.match(/\/\/ @ts-expect-error/g)!.length;
    const skipped = join(ROOT, 'test-output', 'type-gate', 'skipped.check.ts');
    mkdirSync(join(ROOT, 'test-output', 'type-gate'), { recursive: true });
    writeFileSync(skipped, text.replaceAll('// @ts-expect-error', '//'));
    const r = tscOn(skipped, dir);
    expect(r.code).not.toBe(0);
    const errors = r.out.split('\n').filter((l) => l.includes('skipped.check.ts(') && l.includes('error TS'));
    expect(errors).toHaveLength(expected);
    // the refusals are type errors about the sealed type (TS2345: not assignable; TS2352: a cast; TS2673: a private constructor; TS7053: no such maker)
    for (const e of errors) expect(e).toMatch(/TS2345|TS2352|TS2673|TS7053/);
  }, 120_000);

  it('is made only in src/privacy/publishable.ts: no other source file calls its constructor, and its one static maker runs the gate', () => {
    const files: string[] = [];
    const walk = (d: string) => {
      for (const f of readdirSync(d)) {
        const p = join(d, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith('.ts')) files.push(p);
      }
    };
    walk(join(ROOT, 'src'));
    expect(files.length).toBeGreaterThan(50);
    const constructs = files.filter((f) => /new Publishable\b/.test(readFileSync(f, 'utf8')));
    expect(constructs.map((f) => relative(ROOT, f))).toEqual([join('src', 'privacy', 'publishable.ts')]);
    // the code, without its comments
    const source = readFileSync(join(ROOT, 'src', 'privacy', 'publishable.ts'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
    expect(source.match(/new Publishable\(/g)).toHaveLength(1);
    expect(source).toMatch(/new Publishable\(gateResults\(raw, minCell\), minCell\)/);
  });
});
