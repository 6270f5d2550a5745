/**
 * Check SQL as DuckDB sees it (as mosaic checks its generated SQL): every statement goes through EXPLAIN,
 * which parses, binds and plans it against the tables that exist, so a column that is not there, a type
 * that does not fit or SQL that does not parse fails, naming the statement; then it runs, so the next
 * statement binds against the tables this one made. The tables are empty, so running costs nothing.
 */
import type { DuckDBConnection } from '@duckdb/node-api';

/** Split SQL text into its statements on semicolons outside quotes and comments. */
export function splitStatements(sql: string): string[] {
  const out: string[] = [];
  let start = 0;
  let quote: string | null = null;
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i]!;
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '-' && sql[i + 1] === '-') i = sql.indexOf('\n', i) === -1 ? sql.length : sql.indexOf('\n', i);
    else if (ch === ';') {
      out.push(sql.slice(start, i));
      start = i + 1;
    }
  }
  out.push(sql.slice(start));
  return out.map((s) => s.trim()).filter((s) => s.length > 0);
}

/** EXPLAIN one statement; a parse, bind or plan error is rethrown with the statement. */
export async function explain(conn: DuckDBConnection, statement: string): Promise<void> {
  let plan: string;
  try {
    const r = await conn.runAndReadAll(`EXPLAIN ${statement}`);
    plan = r.getRowObjects().map((row) => String(row.explain_value ?? '')).join('\n');
  } catch (e) {
    throw new Error(`EXPLAIN failed: ${(e as Error).message.split('\n')[0]}\n--- statement ---\n${statement}`);
  }
  // a join that compares every row with every row: seconds at 100k students, minutes at 1M (a LEFT JOIN whose
  // condition tests a column of the left side alone is planned this way). The plan's shape does not depend on the
  // tables being empty. Except an ASOF join (the source lines of rejects), which DuckDB runs as a loop by design
  // when its right side is small (asof_loop_join_threshold: the malformed lines of a file).
  const quadratic = /ASOF/.test(statement) ? null : /NESTED_LOOP_JOIN|BLOCKWISE_NL_JOIN/.exec(plan);
  if (quadratic) throw new Error(`The plan has a ${quadratic[0]}, whose time grows with the product of its inputs:\n--- statement ---\n${statement}`);
}

/** EXPLAIN each statement of `sql`, then run it; returns the statements. */
export async function explainAndRun(conn: DuckDBConnection, sql: string): Promise<string[]> {
  const statements = splitStatements(sql);
  for (const s of statements) {
    await explain(conn, s);
    await conn.run(s);
  }
  return statements;
}

/**
 * A connection for code that runs its own SQL (the ingest, the sample flow): `run` and `runAndReadAll`
 * EXPLAIN every statement before running it, and `statements` records them in order.
 */
export function explainingConnection(conn: DuckDBConnection): { conn: DuckDBConnection; statements: string[] } {
  const statements: string[] = [];
  const wrap =
    (method: 'run' | 'runAndReadAll') =>
    async (sql: string): Promise<unknown> => {
      const parts = splitStatements(sql);
      for (const [i, s] of parts.entries()) {
        if (!/^EXPLAIN\b/i.test(s)) await explain(conn, s); // an EXPLAIN the code runs itself plans the statement already
        statements.push(s);
        if (i < parts.length - 1) await conn.run(s);
      }
      // the last statement through the method asked for, so its result is the one returned
      return conn[method](parts.at(-1) ?? sql);
    };
  const proxy = new Proxy(conn, {
    get(target, prop, receiver) {
      if (prop === 'run' || prop === 'runAndReadAll') return wrap(prop);
      const v = Reflect.get(target, prop, receiver);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
  return { conn: proxy, statements };
}
