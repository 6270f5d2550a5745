import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InputError } from '../../util/input-error.js';
import { HEADLESS_FLAGS, requireChromium } from './find-chromium.js';
import { launchCdp } from './cdp-pipe.js';

/** Paper sizes `hve report --pdf` offers. */
export const PAPERS = ['a4', 'letter'] as const;
export type Paper = (typeof PAPERS)[number];

export interface PrintOptions {
  /** Paper size; A4 unless told. */
  paper?: Paper;
  /** The Chromium binary; found with requireChromium() unless given. */
  chromium?: string;
  /** Give up (and end Chromium) after this long; 120 s unless told. */
  timeoutMs?: number;
}

export interface PrintResult {
  pdfPath: string;
  pages: number;
  bytes: number;
  paper: Paper;
  seconds: number;
}

/**
 * Page settings added to a copy of the report before printing. Chromium's headless `--print-to-pdf` honours
 * CSS `@page` (it prefers the CSS page size) and prints backgrounds; `print-color-adjust` keeps the table and
 * note shading in any case. The report's own `@media print` rules (no sticky nav, plain header) still apply.
 */
export function printCss(paper: Paper): string {
  const size = paper === 'letter' ? 'letter' : 'A4';
  const margin = paper === 'letter' ? '0.6in 0.55in' : '15mm 14mm';
  return `<style>@page { size: ${size}; margin: ${margin}; } html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }</style>`;
}

/** The report HTML with the page settings inserted just before `</head>` (or at the very start, if it has none). */
export function withPrintCss(html: string, paper: Paper): string {
  const css = printCss(paper);
  const at = html.search(/<\/head>/i);
  return at < 0 ? css + html : html.slice(0, at) + css + html.slice(at);
}

/**
 * Count the pages of a PDF without any PDF library: count the page objects (`/Type /Page`, not `/Pages`);
 * if there are none in plain text (a PDF that packs its objects into compressed object streams), use the
 * page tree root's `/Count`, the largest `/Count` of any `/Type /Pages` dictionary. Chromium (Skia) writes
 * its objects uncompressed, so the first way is the one used for its PDFs.
 */
export function countPdfPages(pdf: Buffer): number {
  const text = pdf.toString('latin1');
  if (!text.startsWith('%PDF-')) throw new Error('not a PDF: the file does not start with %PDF-');
  const pageObjects = text.match(/\/Type\s*\/Page(?![A-Za-z])/g)?.length ?? 0;
  if (pageObjects > 0) return pageObjects;
  return pageTreeCount(text);
}

/** The largest `/Count` of any `/Type /Pages` dictionary (the page tree's root), or 0. */
export function pageTreeCount(text: string): number {
  let max = 0;
  for (const m of text.matchAll(/<<((?:(?!<<|>>)[\s\S])*)>>/g)) {
    const body = m[1]!;
    if (!/\/Type\s*\/Pages(?![A-Za-z])/.test(body)) continue;
    const c = /\/Count\s+(\d+)/.exec(body);
    if (c) max = Math.max(max, Number(c[1]));
  }
  return max;
}

/** The last few non-noise lines of Chromium's stderr (its D-Bus complaints are expected here and dropped). */
function lastLines(stderr: string): string {
  const lines = stderr.split('\n').filter((l) => l.trim() && !/dbus|unexpected operator/i.test(l));
  return lines.slice(-5).join(' | ') || '(no message)';
}

/** Paper and margins in inches (Chromium's printToPDF units), the same as the CSS `@page` of printCss. */
const PAGE_INCHES: Record<Paper, { width: number; height: number; vertical: number; horizontal: number }> = {
  a4: { width: 210 / 25.4, height: 297 / 25.4, vertical: 15 / 25.4, horizontal: 14 / 25.4 },
  letter: { width: 8.5, height: 11, vertical: 0.6, horizontal: 0.55 },
};

/**
 * The footer Chromium draws in the bottom margin of every page: "page N of M", centred. Chromium fills the
 * `pageNumber` and `totalPages` spans; the template has its own (tiny) default font size, so it sets one.
 */
export const PAGE_FOOTER_TEMPLATE =
  '<div style="width:100%;text-align:center;font-family:\'DejaVu Sans\',sans-serif;font-size:8px;color:#555;">page <span class="pageNumber"></span> of <span class="totalPages"></span></div>';

/** Open `url` in a Chromium started with `args` and print it over the DevTools protocol (Page.printToPDF, with the page footer). */
async function printOverCdp(exe: string, args: string[], url: string, paper: Paper, timeoutMs: number): Promise<Buffer> {
  const b = launchCdp(exe, args);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      b.kill();
      reject(new Error(`Chromium did not finish printing within ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
  });
  const print = async () => {
    const { targetId } = await b.send<{ targetId: string }>('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await b.send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true });
    await b.send('Page.enable', {}, sessionId);
    const loaded = b.once('Page.loadEventFired', sessionId);
    const nav = await b.send<{ errorText?: string }>('Page.navigate', { url }, sessionId);
    if (nav.errorText) throw new Error(`Chromium could not open the report: ${nav.errorText}`);
    await loaded;
    const m = PAGE_INCHES[paper];
    const { data } = await b.send<{ data: string }>(
      'Page.printToPDF',
      {
        paperWidth: m.width,
        paperHeight: m.height,
        marginTop: m.vertical,
        marginBottom: m.vertical,
        marginLeft: m.horizontal,
        marginRight: m.horizontal,
        preferCSSPageSize: true,
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: '<div></div>',
        footerTemplate: PAGE_FOOTER_TEMPLATE,
      },
      sessionId,
    );
    return Buffer.from(data, 'base64');
  };
  try {
    return await Promise.race([print(), timeout]);
  } catch (e) {
    throw new Error(`${(e as Error).message} while printing: ${lastLines(b.stderr())}`);
  } finally {
    clearTimeout(timer);
    await b.close();
  }
}

/**
 * Print a report through headless Chromium (DevTools protocol over a pipe, "page N of M" in the footer of
 * every page) into `pdfPath`: written to a temporary file beside it and renamed into place only when it is a
 * PDF with at least one page. Returns the page count. Throws an InputError when the report is missing or
 * Chromium is not installed.
 */
export async function printPdf(htmlPath: string, pdfPath: string, opts: PrintOptions = {}): Promise<PrintResult> {
  const started = Date.now();
  const paper = opts.paper ?? 'a4';
  const html = resolve(htmlPath);
  const out = resolve(pdfPath);
  if (!existsSync(html) || !statSync(html).isFile()) throw new InputError(`There is no report at ${htmlPath}; run \`hve run <pipeline>\` first.`);
  const exe = opts.chromium ?? requireChromium();

  mkdirSync(dirname(out), { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'hve-pdf-'));
  const tmpPdf = join(dirname(out), `.${basename(out)}.tmp-${process.pid}-${Date.now()}`);
  try {
    const page = join(work, 'report.html');
    writeFileSync(page, withPrintCss(readFileSync(html, 'utf8'), paper));
    const buf = await printOverCdp(exe, [...HEADLESS_FLAGS, `--user-data-dir=${join(work, 'profile')}`], pathToFileURL(page).href, paper, opts.timeoutMs ?? 120_000);
    const pages = countPdfPages(buf);
    if (pages < 1) throw new Error('Chromium wrote a PDF with no pages');
    writeFileSync(tmpPdf, buf);
    renameSync(tmpPdf, out);
    return { pdfPath: out, pages, bytes: buf.length, paper, seconds: (Date.now() - started) / 1000 };
  } finally {
    rmSync(tmpPdf, { force: true });
    rmSync(work, { recursive: true, force: true });
  }
}
