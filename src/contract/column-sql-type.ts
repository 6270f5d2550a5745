import type { ColumnType } from './extract-specs.js';

/** The DuckDB type of each canonical column type: what an accepted extract table holds. */
export const COLUMN_SQL_TYPE: Record<ColumnType, string> = {
  id: 'VARCHAR',
  text: 'VARCHAR',
  code: 'VARCHAR',
  date: 'DATE',
  bool: 'BOOLEAN',
  int: 'INTEGER',
  number: 'DOUBLE',
  year: 'INTEGER',
};
