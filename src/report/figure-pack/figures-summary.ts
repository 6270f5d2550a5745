/** The one-line count of a figure pack that `hve figures` prints: the student statements, then the survey ones, as statements.md lists them. */
import type { FigurePack } from './write-figure-pack.js';

interface Counts {
  findings: number;
  unchecked: number;
  noDifference: number;
  leftOut: number;
}

const countsText = (c: Counts) =>
  `${c.findings} ${c.findings === 1 ? 'finding' : 'findings'}, ${c.unchecked ? `${c.unchecked} ${c.unchecked === 1 ? 'difference' : 'differences'} without a baseline check, ` : ''}${c.noDifference} with no detectable difference, ${c.leftOut} left out with the reason`;

/** "2 findings, 8 with no detectable difference, 0 left out with the reason; teachers and families (surveys): 5 findings, …"; only the survey part when the pack has no student outcome. */
export function figuresSummary(p: FigurePack): string {
  const students = p.findings + p.unchecked + p.noDifference + p.leftOut;
  const surveys = p.surveys ? `teachers and families (surveys): ${countsText(p.surveys)}` : '';
  if (!students) return surveys || countsText(p);
  return surveys ? `${countsText(p)}; ${surveys}` : countsText(p);
}
