/** A heading row that spans every column and starts a group of rows (an outcome domain, an analysis). */
export interface GroupRow {
  group: string;
}

/** A body row: its cells as HTML, or a group heading. */
export type TableRow = readonly string[] | GroupRow;

/** How a table looks beyond its cells: a class on `<table>` and a caption (both optional; the caption is HTML). */
export interface TableOptions {
  className?: string;
  caption?: string;
}

/** A group heading row spanning the table (its text is HTML, escaped by the caller). */
export function groupRow(html: string): GroupRow {
  return { group: html };
}

const isGroup = (row: TableRow): row is GroupRow => !Array.isArray(row);

/** The report's one table builder: a scrolling wrapper, header cells, body rows (or group headings), `numeric` marking right-aligned columns, an optional class and caption; every cell is HTML, escaped by the caller. */
export function htmlTable(head: readonly string[], rows: readonly TableRow[], numeric: readonly boolean[] = [], options: TableOptions = {}): string {
  const num = (i: number) => (numeric[i] ? ' class="num"' : '');
  const th = head.map((h, i) => `<th${num(i)} scope="col">${h}</th>`).join('');
  const tr = rows
    .map((row) =>
      isGroup(row)
        ? `<tr class="domain"><th colspan="${head.length}" scope="rowgroup">${row.group}</th></tr>`
        : `<tr>${row.map((c, i) => `<td${num(i)}>${c}</td>`).join('')}</tr>`,
    )
    .join('\n');
  const cls = options.className ? ` class="${options.className}"` : '';
  const caption = options.caption ? `<caption>${options.caption}</caption>` : '';
  return `<div class="table-wrap"><table${cls}>${caption}<thead><tr>${th}</tr></thead><tbody>\n${tr}\n</tbody></table></div>`;
}
