import { inflateSync } from 'node:zlib';

/** The decoded streams of a PDF whose stream dictionaries give a direct /Length (as Chromium's Skia writes them). */
function streams(pdf: Buffer): string[] {
  const text = pdf.toString('latin1');
  const out: string[] = [];
  for (const m of text.matchAll(/\d+ \d+ obj\b/g)) {
    const end = text.indexOf('endobj', m.index!);
    const kw = text.indexOf('stream', m.index!);
    if (kw < 0 || (end >= 0 && kw > end)) continue;
    const dict = text.slice(m.index!, kw);
    const len = /\/Length (\d+)(?!\s+\d+\s+R)/.exec(dict);
    if (!len) continue;
    const start = kw + (text.startsWith('stream\r\n', kw) ? 8 : 7);
    const data = pdf.subarray(start, start + Number(len[1]));
    try {
      out.push((/\/FlateDecode/.test(dict) ? inflateSync(data) : data).toString('latin1'));
    } catch {
      // not a stream we can read (an image, say)
    }
  }
  return out;
}

const hexChar = (h: string) => String.fromCodePoint(...(h.match(/.{4}/g) ?? []).map((u) => parseInt(u, 16)));

/**
 * The text of a Chromium PDF, one line per text object (BT … ET), for tests: glyph codes of `Tj`/`TJ`
 * strings are mapped to characters through the union of the fonts' ToUnicode maps. Enough when every font
 * of the document shares its glyph codes (one font family, as with DejaVu here); not a general PDF reader.
 */
export function pdfText(pdf: Buffer): string {
  const all = streams(pdf);
  const map = new Map<string, string>();
  for (const s of all.filter((x) => x.includes('begincmap'))) {
    for (const block of s.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
      for (const p of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(p[1]!.toUpperCase(), hexChar(p[2]!));
    }
    for (const block of s.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
      for (const p of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
        const [lo, hi, dst] = [parseInt(p[1]!, 16), parseInt(p[2]!, 16), parseInt(p[3]!, 16)];
        for (let c = lo; c <= hi; c++) map.set(c.toString(16).toUpperCase().padStart(p[1]!.length, '0'), String.fromCodePoint(dst + c - lo));
      }
    }
  }
  const decode = (hex: string) => (hex.match(/.{4}/g) ?? []).map((g) => map.get(g.toUpperCase()) ?? '\uFFFD').join('');
  const lines: string[] = [];
  for (const s of all.filter((x) => /\bBT\b/.test(x))) {
    for (const bt of s.matchAll(/\bBT\b([\s\S]*?)\bET\b/g)) {
      const parts = [...bt[1]!.matchAll(/<([0-9A-Fa-f]*)>\s*Tj|\[((?:[^\]])*)\]\s*TJ/g)].map((t) =>
        t[1] !== undefined ? decode(t[1]) : [...t[2]!.matchAll(/<([0-9A-Fa-f]*)>/g)].map((h) => decode(h[1]!)).join(''),
      );
      lines.push(parts.join(''));
    }
  }
  return lines.join('\n');
}
