import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** fixtures/cr2-fixture.csv (96 rows, 8 schools of 6–18; made for the clubSandwich references) as numeric columns by name. */
export function readCr2Fixture(): Record<string, number[]> {
  const [head, ...lines] = readFileSync(join(here, 'fixtures/cr2-fixture.csv'), 'utf8').trim().split('\n');
  const names = head!.split(',');
  const cols: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (const line of lines) line.split(',').forEach((v, j) => cols[names[j]!]!.push(Number(v)));
  return cols;
}

/** One model's clubSandwich values in fixtures/cr2-reference.json (r-reference/clubsandwich-cr2.R). */
export interface Cr2Reference {
  names: string[];
  coef: number[];
  vcov_treatment_row: number[];
  se_treatment: number;
  df_treatment: number;
  contrast: number[];
  contrast_se: number;
  contrast_df: number;
}

/** fixtures/cr2-reference.json: the clubSandwich values of each model fitted on the fixture, by model name. */
export function readCr2Reference(): Record<string, Cr2Reference> {
  return JSON.parse(readFileSync(join(here, 'fixtures/cr2-reference.json'), 'utf8')) as Record<string, Cr2Reference>;
}
