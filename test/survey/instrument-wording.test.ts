/** An instrument's optional `wording:` (item → its text): carried to the resolved items, checked against the scale's items, shipped for the public-domain short surveys. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadInstrument } from '../../src/survey/load-instrument.js';
import { ROOT } from '../helpers/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'hve-s2-wording-'));
const write = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

describe('instrument wording', () => {
  it('gives each item its text (a reversed item by its name without the -), and null where none is given', () => {
    const i = loadInstrument(write('w.yaml', 'name: W\nrange: [1, 5]\nscales:\n  s:\n    label: S\n    items: [q1, -q2, q3]\n    wording:\n      q1: "I like it."\n      q2: "I do not like it."\n'));
    expect(i.scales[0]!.items).toEqual([
      { item: 'q1', reversed: false, text: 'I like it.' },
      { item: 'q2', reversed: true, text: 'I do not like it.' },
      { item: 'q3', reversed: false, text: null },
    ]);
  });

  it('refuses a wording key that is not an item of its scale, in one sentence naming it and the items', () => {
    const path = write('x.yaml', 'name: X\nrange: [1, 5]\nscales:\n  s:\n    label: S\n    items: [q1, q2]\n    wording:\n      q9: "Stray."\n');
    expect(() => loadInstrument(path, 'x.yaml')).toThrow('x.yaml: the wording of scale "s" names "q9", which is not one of its items (q1, q2).');
  });

  it('words every item of the shipped teacher and parent surveys', () => {
    for (const f of ['teacher-short.yaml', 'parent-short.yaml']) {
      const items = loadInstrument(join(ROOT, 'pipelines', 'instruments', f)).scales.flatMap((s) => s.items);
      expect(items.filter((i) => !i.text).map((i) => i.item), f).toEqual([]);
    }
    const t = loadInstrument(join(ROOT, 'pipelines', 'instruments', 'teacher-short.yaml')).scales.find((s) => s.scale === 'burnout')!;
    expect(t.items.find((i) => i.item === 't_burn4')).toEqual({ item: 't_burn4', reversed: true, text: 'I have energy left for my own life after work.' });
  });
});
