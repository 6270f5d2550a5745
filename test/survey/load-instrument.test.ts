import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadInstrument } from '../../src/survey/load-instrument.js';

const dir = mkdtempSync(join(tmpdir(), 'hve-instrument-'));
const write = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

describe('loadInstrument', () => {
  it('fills the defaults: favourable = the top two points, min_items = at least half, higher is better', () => {
    const i = loadInstrument(write('a.yaml', 'name: A\nrange: [1, 5]\nscales:\n  s:\n    label: S\n    items: [q1, q2, -q3]\n  b:\n    label: B\n    range: [0, 10]\n    higher_is_better: false\n    favourable: 8\n    min_items: 1\n    items: [r1]\n'));
    const [s, b] = i.scales;
    expect(s).toMatchObject({ favourable: 4, minItems: 2, higherIsBetter: true, range: [1, 5], items: [{ item: 'q1', reversed: false }, { item: 'q2', reversed: false }, { item: 'q3', reversed: true }] });
    expect(b).toMatchObject({ favourable: 8, minItems: 1, higherIsBetter: false, range: [0, 10] });
    expect(i.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps a licensed scale without items, for the report to warn', () => {
    const i = loadInstrument(write('l.yaml', 'name: L\nrange: [0, 6]\nscales:\n  mbi:\n    label: Emotional exhaustion\n    licensed: true\n    source: Maslach Burnout Inventory (Mind Garden)\n'));
    expect(i.scales[0]).toMatchObject({ licensed: true, items: [], source: 'Maslach Burnout Inventory (Mind Garden)' });
  });

  it('names the mistake in one sentence', () => {
    expect(() => loadInstrument(write('u.yaml', 'name: U\nrange: [1, 5]\nscales:\n  s:\n    label: S\n    itmes: [a]\n'))).toThrow(/unknown key "itmes"; did you mean "items"\?/);
    expect(() => loadInstrument(write('d.yaml', 'name: D\nrange: [1, 5]\nscales:\n  s:\n    label: S\n    items: [a]\n  t:\n    label: T\n    items: [-a]\n'))).toThrow('item "a" is in both scale "s" and scale "t"');
    expect(() => loadInstrument(write('f.yaml', 'name: F\nrange: [1, 5]\nscales:\n  s:\n    label: S\n    favourable: 6\n    items: [a]\n'))).toThrow('favourable 6 of scale "s" is outside its range [1, 5]');
    expect(() => loadInstrument(join(dir, 'none.yaml'))).toThrow('does not exist');
  });

  it('reads the shipped teacher and parent instruments', () => {
    const t = loadInstrument(join(import.meta.dirname, '../../pipelines/instruments/teacher-short.yaml'));
    const p = loadInstrument(join(import.meta.dirname, '../../pipelines/instruments/parent-short.yaml'));
    expect(t.scales.map((s) => s.scale)).toEqual(['connection', 'management', 'satisfaction', 'burnout']);
    expect(t.scales.find((s) => s.scale === 'burnout')!.higherIsBetter).toBe(false);
    expect(p.scales.map((s) => s.scale)).toEqual(['communication', 'homework', 'participation']);
  });
});
