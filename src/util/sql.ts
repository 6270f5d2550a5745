/** Quote a string as a SQL literal. */
export function lit(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** Quote an identifier for DuckDB. */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
