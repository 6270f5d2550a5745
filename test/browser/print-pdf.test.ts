import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isInputError } from '../../src/util/input-error.js';
import { CHROMIUM_MISSING, findChromium, requireChromium } from '../../src/report/pdf/find-chromium.js';
import { countPdfPages, pageTreeCount, printPdf, withPrintCss } from '../../src/report/pdf/print-pdf.js';
import { pdfText } from './pdf-text.js';
import { freshDir } from '../helpers/paths.js';
import { runCli } from '../helpers/run-cli.js';

// PDF printing: finding Chromium, page counting, page settings and errors (no browser needed), and the page
// numbers Chromium prints in the footer of every page.

/** A minimal PDF with `n` page objects under one page tree root (enough for the counter, not for a viewer). */
function fakePdf(n: number, compressed = false): Buffer {
  const kids = Array.from({ length: n }, (_, i) => `${i + 3} 0 R`).join(' ');
  const pages = Array.from({ length: n }, (_, i) => `${i + 3} 0 obj\n<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]>>\nendobj\n`).join('');
  const body = compressed
    ? `2 0 obj\n<</Type /Pages /Kids [${kids}] /Count ${n}>>\nendobj\n9 0 obj\n<</Type /ObjStm /N ${n} /Filter /FlateDecode>>\nstream\n\u0001\u0002\nendstream\n`
    : `2 0 obj\n<</Type /Pages /Kids [${kids}] /Count ${n}>>\nendobj\n${pages}`;
  return Buffer.from(`%PDF-1.4\n1 0 obj\n<</Type /Catalog /Pages 2 0 R>>\nendobj\n${body}trailer\n<</Root 1 0 R>>\n%%EOF\n`, 'latin1');
}

describe('finding Chromium', () => {
  it('says in one sentence how to install Chromium when there is none', () => {
    expect(findChromium({ env: {}, candidates: ['/nonexistent/chromium'] })).toBeNull();
    let err: unknown;
    try {
      requireChromium({ env: {}, candidates: ['/nonexistent/chromium'] });
    } catch (e) {
      err = e;
    }
    expect(isInputError(err)).toBe(true);
    const msg = (err as Error).message;
    expect(msg).toBe(CHROMIUM_MISSING);
    expect(msg).toMatch(/apt-get install -y chromium/);
    expect(msg.match(/[.;]\s/g) ?? []).toHaveLength(1); // one sentence (one clause break, one full stop at the end)
    expect(msg.endsWith('.')).toBe(true);
  });

  it('uses HVE_CHROMIUM when set, and only it', () => {
    expect(findChromium({ env: { HVE_CHROMIUM: process.execPath }, candidates: [] })).toBe(process.execPath);
    expect(findChromium({ env: { HVE_CHROMIUM: '/nonexistent/chrome' }, candidates: [process.execPath] })).toBeNull();
    expect(() => requireChromium({ env: { HVE_CHROMIUM: '/nonexistent/chrome' } })).toThrow(/HVE_CHROMIUM is set to \/nonexistent\/chrome/);
    expect(findChromium({ env: {}, candidates: ['/nonexistent', process.execPath] })).toBe(process.execPath);
  });
});

describe('PDF helpers', () => {
  it('counts page objects, not the page tree', () => {
    expect(countPdfPages(fakePdf(1))).toBe(1);
    expect(countPdfPages(fakePdf(7))).toBe(7);
  });

  it("falls back to the page tree root's /Count when the pages sit in compressed object streams", () => {
    expect(countPdfPages(fakePdf(12, true))).toBe(12);
    expect(pageTreeCount('<</Type /Pages /Kids [4 0 R] /Count 3 /Parent 2 0 R>> <</Count 40 /Type /Pages /Kids [2 0 R]>>')).toBe(40);
  });

  it('rejects what is not a PDF', () => {
    expect(() => countPdfPages(Buffer.from('<html></html>'))).toThrow(/not a PDF/);
  });

  it('adds page size and margins before </head>, keeping the document otherwise as it was', () => {
    const html = '<!doctype html><html><head><style>body{}</style></head><body>x</body></html>';
    const a4 = withPrintCss(html, 'a4');
    expect(a4).toMatch(/<style>@page \{ size: A4; margin: 15mm 14mm; \}[^<]*<\/style><\/head>/);
    expect(a4.replace(/<style>@page[^]*?<\/style>/, '')).toBe(html);
    expect(withPrintCss(html, 'letter')).toMatch(/size: letter/);
    expect(withPrintCss('<p>no head</p>', 'a4')).toMatch(/^<style>@page/);
  });
});

describe('errors a user can make', () => {
  it('printPdf: a missing report is an InputError', async () => {
    const dir = freshDir('print-pdf');
    await expect(printPdf(join(dir, 'nope.html'), join(dir, 'out.pdf'))).rejects.toSatisfy((e) => isInputError(e) && /no report at/.test((e as Error).message));
  });

  it('hve report: a missing folder, a folder without report.html, or no --pdf, exit 2 with one line', () => {
    const dir = freshDir('report-cli');
    for (const args of [['report', join(dir, 'missing'), '--pdf'], ['report', dir, '--pdf'], ['report', dir]]) {
      const r = runCli(args);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^hve: /);
    }
  });
});

describe('page numbers', () => {
  it('prints "page N of M" in the footer of every page', async () => {
    const dir = freshDir('print-pdf-pages');
    const html = join(dir, 'three.html');
    // three pages by forced breaks; one font family (DejaVu) so the test's text reader can map its glyphs
    const page = (i: number) => `<section style="break-after: page"><h1>Section ${i}</h1><p>Body text of page ${i}.</p></section>`;
    writeFileSync(html, `<!doctype html><html><head><meta charset="utf-8"><style>body { font-family: 'DejaVu Sans'; }</style></head><body>${[1, 2, 3].map(page).join('')}</body></html>`);
    const r = await printPdf(html, join(dir, 'three.pdf'), { paper: 'letter' });
    expect(r.pages).toBe(3);
    const text = pdfText(readFileSync(r.pdfPath)).replace(/\s+/g, ' ');
    expect(text).toContain('Body text of page 2.');
    expect(text.match(/page \d+ of \d+/g)).toEqual(['page 1 of 3', 'page 2 of 3', 'page 3 of 3']);
    expect(readFileSync(r.pdfPath, 'latin1')).toMatch(/\/MediaBox \[0 0 612 792\]/);
  }, 60_000);
});
