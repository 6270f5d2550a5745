/** The fixed prose of the data contract (files, types, codes, attendance, rejects, quality), with the reasons generated from reasons.ts. */
import type { ColumnType } from './extract-specs.js';
import { REASON_TEXT, REJECT_REASONS } from './reasons.js';
import { list, paragraph, section, type DocBlock } from './render-doc.js';

/** The command that regenerates docs/data-contract.md. */
export const REGENERATE = 'npx hve contract --markdown > docs/data-contract.md';

/** The title and the paragraphs before everything else. */
export function introBlocks(): DocBlock[] {
  return [
    { kind: 'heading', level: 1, text: 'Data contract: the canonical extracts' },
    paragraph(`Generated from \`src/contract/\` (\`extract-specs.ts\`, \`reasons.ts\` and the prose in \`*-doc.ts\`); do not edit by hand. Regenerate with \`${REGENERATE}\`; \`hve contract [extract]\` prints the same in the terminal. A test checks that this file matches the code.`),
    paragraph('Districts export data in their own shapes. A pipeline file names each extract\'s file and maps the district\'s headers and codes to the canonical ones below, so a new district needs a YAML file, not code. `hve init <folder>` writes a first guess of that file from the extracts themselves. Names follow Ed-Fi / CEDS meanings where one exists (noted in the tables).'),
  ];
}

/** Files, header mapping and missing columns. */
export function filesBlocks(): DocBlock[] {
  return section(
    'Files and headers',
    list([
      'Each extract is CSV (a header row, UTF-8, the delimiter sniffed or given as `delimiter:`) or Parquet, one file or a glob (`path: attendance_*.csv`); the format follows the extension unless `format:` says otherwise.',
      '`columns: { <canonical>: "<source header>" }` renames headers. A canonical column the mapping does not name is read from a header of the same name; headers match case-insensitively.',
      'A file that is missing or unreadable, a required column that no header provides, a mapped header the file does not have, or a `columns:` key that is not a canonical column of the extract stops the command with one sentence naming the file and the column (exit 2).',
      'Columns of the file that the contract does not name are ignored.',
    ]),
  );
}

const TYPE_RULES: Record<ColumnType, string> = {
  id: 'text, kept as given (leading zeros matter; numbers are read as text)',
  text: 'text, kept as given; `values:` may rewrite it',
  code: 'one of the column\'s canonical codes, matched case-insensitively after the `values:` mapping; anything else is `unknown_code`',
  date: 'ISO `YYYY-MM-DD`, or the source\'s `date_format:` (a strptime format such as `%m/%d/%Y`, read with DuckDB\'s `try_strptime`); anything else is `bad_date`',
  bool: 'yes/no: `true`, `t`, `1`, `y`, `yes` or `false`, `f`, `0`, `n`, `no`, case-insensitively; anything else is `bad_bool`',
  int: 'a whole number; anything else is `bad_number`',
  number: 'a number (decimal point `.`); anything else is `bad_number`',
  year: 'a school year, named by the calendar year in which it ends: `2017`, `2016-17`, `2016–2017` (hyphen, en dash or slash) and `SY1617` all mean the school year ending in 2017; anything else is `bad_number`',
};

/** The type rules, one row per column type. */
export function typeBlocks(): DocBlock[] {
  return section(
    'Types',
    paragraph('Every value is trimmed of surrounding spaces first; an empty value is missing. A missing value is allowed in an optional column and rejected as `missing_required` in a required one.'),
    { kind: 'table', head: ['type', 'rule'], rows: (Object.keys(TYPE_RULES) as ColumnType[]).map((t) => [t, TYPE_RULES[t]]) },
    paragraph('A school year runs from `school_year_start` (default `07-01`): with the default, the school year 2017 runs from 2016-07-01 to 2017-06-30, and a date belongs to the school year whose window holds it.'),
  );
}

/** Codes and the `values:` mapping. */
export function codeBlocks(): DocBlock[] {
  return section(
    'Codes and the values mapping',
    list([
      'Canonical codes are lower-case words (`present`, `relationship`, `completed`, `ela`, …) and match case-insensitively: `Present` and `PRESENT` are `present`.',
      'A district\'s own codes are mapped per column in the source: `values: { status: { PRS: present, EXC: excused } }`. Source codes match trimmed and case-insensitively. A code that is neither canonical nor mapped is rejected as `unknown_code`, never guessed.',
      '`values:` works on every coded, text and yes/no column, for example `values: { subject: { Reading: ela } }` or `values: { frl: { Free: yes, Reduced: yes, Paid: no } }`; on any other column (an id, a date, a number) it is an error. Mapping a code of a coded column to anything but one of its codes, or of a yes/no column to anything but a yes/no word, is an error.',
      'A code mapped to `null` (YAML `null` or `~`) means missing: `values: { frl: { Unknown: null } }` keeps the row and counts the value as missing, never as a bad or unknown one. It is an error on a required column and on a column whose empty value has a meaning (visits.status).',
    ]),
  );
}

/** How days enrolled and days absent are counted, as the analytic SQL counts them. */
export function attendanceRuleBlocks(): DocBlock[] {
  return section(
    'Attendance rules',
    list([
      'Shape: `kind: daily` or `kind: summary`; with `kind: auto` (the default) an attendance file with a `days_enrolled` or `days_absent` column (after the mapping) is a summary, else one with `date` or `status` is daily.',
      'Daily: every daily row is one day enrolled, whatever its status, so the feed must have a row for every school day a student is enrolled, present days included (from an absences-only feed every counted day would be an absence).',
      'Daily statuses: `excused` (excused absence), `unexcused` (unexcused absence) and `suspended` (out-of-school suspension day) count as absent; `present` and `tardy` count as present (a tardy is not an absence).',
      'Daily duration: an absent row counts its `duration` (the share of the day missed, 0 to 1) as days absent, a whole day when duration is empty; the duration of a present or tardy row is ignored.',
      'A daily row belongs to the school year of its date; days are counted per student × school × school year.',
      'Summary: days_enrolled and days_absent are taken as given, per student × school × school year; days_excused, days_unexcused and days_suspended are checked but not used.',
      'Across schools: a student\'s days enrolled and days absent in a year are summed over their schools. Attendance rate = 1 − days absent / days enrolled; chronically absent when days absent / days enrolled ≥ `definitions.chronic_threshold` (default 0.10).',
      'Attendance outcomes exist only for students enrolled at least `definitions.min_days_enrolled` days (default 10) in the outcome year, and only those students enter the analytic sample.',
    ]),
  );
}

/** The reject reasons in their precedence, generated from REJECT_REASONS and REASON_TEXT. */
export function rejectBlocks(): DocBlock[] {
  return section(
    'Rejected rows',
    paragraph('Every row of an extract ends in exactly one place: the accepted table or the rejects file, and `rows read = accepted + rejected` is checked on every run. A rejected row gets one reason, the first that applies in this order (within a reason, the columns are checked in the order of the extract\'s table):'),
    {
      kind: 'table',
      head: ['order', 'reason', 'the row is rejected when'],
      rows: REJECT_REASONS.map((r, i) => [String(i + 1), `\`${r}\``, REASON_TEXT[r]]),
    },
    list([
      '`duplicate_key` applies among the rows that break no other rule: the first row with a key, in file order, is kept.',
      '`date_outside_year` means outside every school year present in the students extract: a valid visit of the baseline year is accepted; it just does not count as treatment in the outcome year.',
      'Rejected rows go to `rejects/<extract>.csv` (restricted: it holds student IDs) with the source file, the line (header = line 1), the reason, the column, the value and the raw fields. Lines the CSV parser cannot read are `malformed_row` rejects (DuckDB `store_rejects`), never skipped.',
      '`hve validate` reports the rejects and exits 0 when the extracts are readable; it exits 2 on a user error (a missing file or column, a bad pipeline file).',
    ]),
  );
}

/** The data-quality gates of the pipeline's `quality:` block. */
export function qualityBlocks(): DocBlock[] {
  return section(
    'Quality gates',
    paragraph('The pipeline\'s `quality:` block (defaults `{ max_reject_share: 0.02, unknown_codes: stop, min_visit_match: 0.98 }`) stops `hve run` with one sentence, before a silently wrong result is published, when an extract rejects more than `max_reject_share` of its rows, when a column that defines treatment or an outcome holds a code that is neither canonical nor mapped (`unknown_codes: stop`; `reject` drops those rows as `unknown_code` and goes on), or when fewer than `min_visit_match` of the visit records name a student of the students extract. `hve validate` reports the same gates; `hve explain-config` describes each setting.'),
  );
}
