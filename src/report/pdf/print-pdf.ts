import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InputError } from '../../util/input-error.js';
import { HEADLESS_FLAGS, requireChromium } from './find-chromium.js';

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

/** Run Chromium once; reject with the tail of its stderr on a non-zero exit, or on a timeout. */
function runChromium(exe: string, args: string[], timeoutMs: number): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    // detached: Chromium gets its own process group, so a timeout can end it and its helpers by that id.
    const child = spawn(exe, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString('utf8')).slice(-4000);
    });
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
      reject(new Error(`Chromium did not finish printing within ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolvePromise();
      else reject(new Error(`Chromium exited with ${signal ?? `code ${code}`} while printing: ${lastLines(stderr)}`));
    });
  });
}

/** The last few non-noise lines of Chromium's stderr (its D-Bus complaints are expected here and dropped). */
function lastLines(stderr: string): string {
  const lines = stderr.split('\n').filter((l) => l.trim() && !/dbus|unexpected operator/i.test(l));
  return lines.slice(-5).join(' | ') || '(no message)';
}

/**
 * Print a report through headless Chromium's `--print-to-pdf` into `pdfPath`: written to a temporary file
 * beside it and renamed into place only when it is a PDF with at least one page. Returns the page count.
 * Throws an InputError when the report is missing or Chromium is not installed.
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
    await runChromium(
      exe,
      [...HEADLESS_FLAGS, `--user-data-dir=${join(work, 'profile')}`, '--no-pdf-header-footer', `--print-to-pdf=${tmpPdf}`, pathToFileURL(page).href],
      opts.timeoutMs ?? 120_000,
    );
    if (!existsSync(tmpPdf)) throw new Error('Chromium exited without writing the PDF');
    const buf = readFileSync(tmpPdf);
    const pages = countPdfPages(buf);
    if (pages < 1) throw new Error('Chromium wrote a PDF with no pages');
    renameSync(tmpPdf, out);
    return { pdfPath: out, pages, bytes: buf.length, paper, seconds: (Date.now() - started) / 1000 };
  } finally {
    rmSync(tmpPdf, { force: true });
    rmSync(work, { recursive: true, force: true });
  }
}
