/** A document as a few kinds of blocks, rendered either as markdown (docs/data-contract.md) or as terminal text (`hve contract`). */

export type DocBlock =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; head: string[]; rows: string[][] };

/** A paragraph block. */
export function paragraph(text: string): DocBlock {
  return { kind: 'paragraph', text };
}

/** A bulleted list block. */
export function list(items: string[]): DocBlock {
  return { kind: 'list', items };
}

/** A level-2 section: its heading, then the blocks of its body. */
export function section(title: string, ...body: DocBlock[]): DocBlock[] {
  return [{ kind: 'heading', level: 2, text: title }, ...body];
}

/** Escape the characters that would break a markdown table cell. */
function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

/** Render blocks as GitHub-flavoured markdown, blocks separated by one blank line, ending in a newline. */
export function toMarkdown(blocks: readonly DocBlock[]): string {
  const parts = blocks.map((b) => {
    switch (b.kind) {
      case 'heading':
        return `${'#'.repeat(b.level)} ${b.text}`;
      case 'paragraph':
        return b.text;
      case 'list':
        return b.items.map((i) => `- ${i}`).join('\n');
      case 'table':
        return [b.head, b.head.map(() => '---'), ...b.rows].map((r) => `| ${r.map(cell).join(' | ')} |`).join('\n');
    }
  });
  return parts.join('\n\n') + '\n';
}

/** Markdown inline marks (backticks, bold) taken out, for the terminal. */
export function plainText(text: string): string {
  return text.replaceAll('`', '').replaceAll('**', '');
}

/** Wrap text into lines of at most `width` characters (a longer word gets a line of its own). */
export function wrapLines(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  lines.push(line);
  return lines;
}

/** Wrap text at `width` characters, every line after the first indented by `indent` (counted in the width). */
function wrap(text: string, width: number, indent = ''): string {
  const [first, ...rest] = wrapLines(text, width);
  return [first!, ...wrapLines(rest.join(' '), width - indent.length).filter(Boolean).map((l) => indent + l)].join('\n');
}

/** A table as aligned columns; the last column wraps within `width`. */
function textTable(head: string[], rows: string[][], width: number): string {
  const all = [head, ...rows].map((r) => r.map(plainText));
  const widths = head.map((_, i) => Math.max(...all.map((r) => (i === head.length - 1 ? 0 : r[i]!.length))));
  const lead = widths.slice(0, -1).reduce((s, w) => s + w + 2, 0);
  const lastWidth = Math.max(30, width - lead);
  const line = (r: string[]) =>
    (r.slice(0, -1).map((c, i) => c.padEnd(widths[i]! + 2)).join('') + wrapLines(r[r.length - 1]!, lastWidth).join('\n' + ' '.repeat(lead))).trimEnd();
  const rule = widths.slice(0, -1).map((w) => '-'.repeat(w) + '  ').join('') + '-'.repeat(Math.min(lastWidth, Math.max(...all.map((r) => r[r.length - 1]!.length))));
  return [line(all[0]!), rule, ...all.slice(1).map(line)].join('\n');
}

/** Render blocks as plain terminal text wrapped at `width` columns, ending in a newline. */
export function toText(blocks: readonly DocBlock[], width = 100): string {
  const parts = blocks.map((b) => {
    switch (b.kind) {
      case 'heading': {
        const text = plainText(b.text);
        return b.level === 3 ? text : `${b.level === 1 ? text.toUpperCase() : text}\n${(b.level === 1 ? '=' : '-').repeat(text.length)}`;
      }
      case 'paragraph':
        return wrap(plainText(b.text), width);
      case 'list':
        return b.items.map((i) => `- ${wrap(plainText(i), width - 2, '  ')}`).join('\n');
      case 'table':
        return textTable(b.head, b.rows, width);
    }
  });
  return parts.join('\n\n') + '\n';
}
