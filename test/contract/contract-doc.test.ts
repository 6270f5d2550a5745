import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contractMarkdown, contractText } from '../../src/contract/contract-doc.js';
import { CONTRACT_EXTRACTS } from '../../src/contract/extract-doc.js';
import { EXTRACT_SPECS } from '../../src/contract/extract-specs.js';
import { REJECT_REASONS } from '../../src/contract/reasons.js';
import { toMarkdown, toText, wrapLines, type DocBlock } from '../../src/contract/render-doc.js';
import { ROOT } from '../helpers/paths.js';
import { runCli } from '../helpers/run-cli.js';

describe('docs/data-contract.md', () => {
  it('is the text the code generates (regenerate: npx hve contract --markdown > docs/data-contract.md)', () => {
    const committed = readFileSync(join(ROOT, 'docs', 'data-contract.md'), 'utf8');
    expect(committed).toBe(contractMarkdown());
  });

  it('has a row with a meaning for every canonical column of every extract', () => {
    const md = contractMarkdown();
    for (const spec of Object.values(EXTRACT_SPECS)) {
      for (const c of spec.columns) {
        expect(c.description, `${spec.name}.${c.name}`).toMatch(/\w{3}/);
        expect(md).toContain(`| \`${c.name}\` | ${c.type} | ${c.required ? 'yes' : 'no'} | ${c.description}`);
      }
    }
  });

  it('lists the attendance codes and the reject reasons in the order the code applies them', () => {
    const md = contractMarkdown();
    expect(md).toContain('Codes: `present`, `excused`, `unexcused`, `tardy`, `suspended`.');
    REJECT_REASONS.forEach((r, i) => expect(md).toContain(`| ${i + 1} | \`${r}\` |`));
    expect(REJECT_REASONS.length).toBe(10);
  });
});

describe('render-doc', () => {
  const blocks: DocBlock[] = [
    { kind: 'heading', level: 2, text: 'Two' },
    { kind: 'table', head: ['a', 'b'], rows: [['x|y', 'long words here']] },
  ];

  it('renders a markdown table with escaped pipes', () => {
    expect(toMarkdown(blocks)).toBe('## Two\n\n| a | b |\n| --- | --- |\n| x\\|y | long words here |\n');
  });

  it('renders terminal text with aligned columns and the last column wrapped', () => {
    expect(toText(blocks, 35)).toBe('Two\n---\n\na    b\n---  ---------------\nx|y  long words here\n');
    expect(wrapLines('aa bb cc dd', 5)).toEqual(['aa bb', 'cc dd']);
    expect(wrapLines('abcdefgh ij', 5)).toEqual(['abcdefgh', 'ij']);
  });
});

describe('hve contract', () => {
  it('prints one extract as text: its columns, key and rules, and no other extract', () => {
    const r = runCli(['contract', 'students']);
    expect(r.code).toBe(0);
    for (const c of EXTRACT_SPECS.students.columns) expect(r.stdout).toMatch(new RegExp(`^${c.name}\\s+${c.type}\\s+(yes|no)\\s`, 'm'));
    expect(r.stdout).toContain('Key: student_id + school_year + school_id.');
    expect(r.stdout).not.toContain('visit_id');
    expect(r.stdout).not.toContain('`');
  });

  it('prints the attendance rules with the attendance extract', () => {
    const text = contractText('attendance');
    expect(text).toContain('count as absent; present and tardy count as present');
    expect(text).toContain('days_enrolled');
  });

  it('--markdown prints the committed file', () => {
    const r = runCli(['contract', '--markdown']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(ROOT, 'docs', 'data-contract.md'), 'utf8'));
  });

  it('an unknown extract is one sentence listing the valid ones, exit 2', () => {
    const r = runCli(['contract', 'student']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`hve: There is no extract "student"; name one of ${CONTRACT_EXTRACTS.join(', ')}.`);
  });
});
