import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { generateDistrict } from '../../src/generate/generate-district.js';
import { runPipeline } from '../../src/run/run-pipeline.js';
import { HEADLESS_FLAGS, requireChromium } from '../../src/report/pdf/find-chromium.js';
import { countPdfPages, pageTreeCount, printPdf } from '../../src/report/pdf/print-pdf.js';
import { freshDir } from '../helpers/paths.js';
import { writePipeline } from '../helpers/write-pipeline.js';
import { runCli } from '../helpers/run-cli.js';
import { pdfText } from './pdf-text.js';

// The report of a small generated district, opened in Debian's Chromium through playwright-core (never a
// browser download of Playwright's own). Screenshots land in test-output/browser/.

const OUT = freshDir('browser');
const REPORT_DIR = join(OUT, 'report');
const REPORT_HTML = join(REPORT_DIR, 'report.html');
const URL_ = pathToFileURL(REPORT_HTML).href;
const DESKTOP = { width: 1280, height: 900 };
const PHONE = 390;
/**
 * Figures drawn straight into the HTML, with no file in figures/ (the sample-flow diagram). Every other
 * figure is a chart `figure#fig-<name>` with its `figures/<name>.svg`, one to one.
 */
const INLINE_ONLY = 'figure.flow';

let browser: Browser;
let svgFiles: string[] = [];

beforeAll(async () => {
  const data = join(OUT, 'data');
  await generateDistrict({ out: data, students: 1500, schools: 6, seed: 3 });
  await runPipeline(writePipeline(OUT, data));
  svgFiles = readdirSync(join(REPORT_DIR, 'figures')).filter((f) => f.endsWith('.svg')).sort();
  browser = await chromium.launch({
    executablePath: requireChromium(),
    headless: true,
    // Playwright gives every launch a fresh, empty profile (--user-data-dir) of its own.
    args: HEADLESS_FLAGS.filter((f) => f !== '--headless'),
  });
});

afterAll(async () => {
  await browser?.close();
});

/** A page on the report, recording console errors, page errors and every request it makes. */
async function openReport(options: BrowserContextOptions = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(URL_, { waitUntil: 'load' });
  return { context, page, errors, requests };
}

/** Every figure's chart: its figure id and the laid-out box of its first SVG. */
async function figureBoxes(page: Page) {
  const figures = page.locator('figure');
  const out: { id: string | null; width: number; height: number; x: number; visible: boolean; texts: number }[] = [];
  for (let i = 0; i < (await figures.count()); i++) {
    const fig = figures.nth(i);
    const svg = fig.locator('svg').first();
    const box = await svg.boundingBox();
    out.push({
      id: await fig.getAttribute('id'),
      width: box?.width ?? 0,
      height: box?.height ?? 0,
      x: box?.x ?? 0,
      visible: await svg.isVisible(),
      texts: await svg.locator('text').count(),
    });
  }
  return out;
}

describe('report.html in headless Chromium', () => {
  it('shows one laid-out SVG chart per figures/*.svg, with no errors and no outside requests', async () => {
    const { context, page, errors, requests } = await openReport({ viewport: DESKTOP });
    const figs = await figureBoxes(page);
    const inlineOnly = await page.locator(INLINE_ONLY).count();
    expect(svgFiles.length).toBeGreaterThan(0);
    expect(figs.length - inlineOnly).toBe(svgFiles.length);
    const charts = figs.filter((f) => f.id?.startsWith('fig-')).map((f) => f.id!.replace(/^fig-/, ''));
    expect(charts.sort()).toEqual(svgFiles.map((f) => f.replace(/\.svg$/, '')).sort());
    for (const f of figs) {
      expect(f.visible, `${f.id} visible`).toBe(true);
      expect(f.width, `${f.id} width`).toBeGreaterThan(50);
      expect(f.height, `${f.id} height`).toBeGreaterThan(50);
      expect(f.x + f.width, `${f.id} inside the page`).toBeLessThanOrEqual(DESKTOP.width);
      expect(f.texts, `${f.id} has text`).toBeGreaterThan(0);
    }
    // Self-contained: the page asks for nothing but itself (inline CSS and SVG, no scripts).
    expect(requests.filter((u) => u !== URL_ && !u.startsWith('data:'))).toEqual([]);
    expect(await page.locator('script').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.screenshot({ path: join(OUT, 'report-desktop.png'), fullPage: true });
    await context.close();
  });

  it('navigates to every section from the table of contents', async () => {
    const { context, page, errors } = await openReport({ viewport: DESKTOP });
    const links = page.locator('nav.toc a');
    const n = await links.count();
    expect(n).toBeGreaterThan(5);
    const missing: string[] = [];
    for (let i = 0; i < n; i++) {
      const href = (await links.nth(i).getAttribute('href')) ?? '';
      expect(href).toMatch(/^#[\w-]+$/);
      if ((await page.locator(href).count()) !== 1) {
        missing.push(href);
        continue;
      }
      await links.nth(i).click();
      await page.waitForFunction((h) => location.hash === h, href);
      const where = await page.evaluate((id) => {
        const el = document.getElementById(id)!;
        const r = el.getBoundingClientRect();
        const nav = document.querySelector('nav.toc')!.getBoundingClientRect();
        return { top: r.top, bottom: r.bottom, innerHeight, navBottom: nav.bottom, scrollY };
      }, href.slice(1));
      // In view: the section starts above the bottom of the window and ends below the sticky nav.
      expect(where.top, `${href} top`).toBeLessThan(where.innerHeight);
      expect(where.bottom, `${href} bottom`).toBeGreaterThan(where.navBottom);
      expect(where.top, `${href} scrolled to`).toBeGreaterThanOrEqual(-1);
    }
    expect(missing, 'table-of-contents links whose section is missing').toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows every SVG chart with JavaScript disabled', async () => {
    const { context, page, errors } = await openReport({ viewport: DESKTOP, javaScriptEnabled: false });
    const figs = await figureBoxes(page);
    expect(figs.length - (await page.locator(INLINE_ONLY).count())).toBe(svgFiles.length);
    for (const f of figs) {
      expect(f.width * f.height, `${f.id} area`).toBeGreaterThan(0);
      expect(f.visible).toBe(true);
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  it('fits a 390 px phone: no page overflow; wide charts keep their size and scroll inside their figure', async () => {
    const { context, page, errors } = await openReport({ viewport: { width: PHONE, height: 844 }, isMobile: true, hasTouch: true });
    const widths = await page.evaluate(() => {
      const vw = document.documentElement.clientWidth;
      // The widest elements that stick out of the window and are not inside a horizontally scrolling box.
      const offenders = [...document.querySelectorAll('body *')]
        .filter((el) => el.getBoundingClientRect().right > vw + 1 && !el.closest('.table-wrap, nav.toc, figure'))
        .slice(0, 5)
        .map((el) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className : ''} → ${Math.round(el.getBoundingClientRect().right)}px`);
      return { doc: document.documentElement.scrollWidth, body: document.body.scrollWidth, offenders };
    });
    expect(widths.offenders).toEqual([]);
    expect(widths.doc).toBeLessThanOrEqual(PHONE + 1);
    expect(widths.body).toBeLessThanOrEqual(PHONE + 1);
    const figs = await figureBoxes(page);
    expect(figs.length - (await page.locator(INLINE_ONLY).count())).toBe(svgFiles.length);
    // charts are not shrunk into unreadable labels on a phone: a chart keeps at least 300 px (its own width
    // when narrower) and the figure box, which scrolls horizontally, stays inside the window
    const figureRight = await page.evaluate(() => [...document.querySelectorAll('figure')].map((f) => f.getBoundingClientRect().right));
    for (const right of figureRight) expect(right).toBeLessThanOrEqual(PHONE + 1);
    for (const f of figs) {
      expect(f.width, `${f.id} width`).toBeGreaterThanOrEqual(Math.min(300, f.width));
      expect(f.width, `${f.id} width`).toBeGreaterThan(0);
    }
    const scrolls = await page.evaluate(() => [...document.querySelectorAll('figure')].map((f) => getComputedStyle(f).overflowX));
    for (const o of scrolls) expect(['auto', 'scroll']).toContain(o);
    expect(errors).toEqual([]);
    await page.screenshot({ path: join(OUT, 'report-phone.png'), fullPage: true });
    await context.close();
  });
});

describe('PDF', () => {
  it('printPdf prints the report to a PDF of at least one page', async () => {
    const pdf = join(OUT, 'printed.pdf');
    const r = await printPdf(REPORT_HTML, pdf);
    const buf = readFileSync(pdf);
    expect(buf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(r.pages).toBeGreaterThanOrEqual(1);
    expect(r.pages).toBe(countPdfPages(buf));
    // The two ways of counting agree on Chromium's PDF: page objects and the page tree's /Count.
    expect(pageTreeCount(buf.toString('latin1'))).toBe(r.pages);
    // "page N of M" in the footer of every page, in order
    const numbers = pdfText(buf).replace(/\s+/g, ' ').match(/page \d+ of \d+/g);
    expect(numbers).toEqual(Array.from({ length: r.pages }, (_, i) => `page ${i + 1} of ${r.pages}`));
    // A4 by default: 595 × 842 pt.
    expect(buf.toString('latin1')).toMatch(/\/MediaBox \[0 0 59[45]\.\d* 84[12]\.\d*\]/);
    expect(readdirSync(OUT).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('hve report <folder> --pdf writes report.pdf and prints its page count', () => {
    const r = runCli(['report', REPORT_DIR, '--pdf', '--paper', 'letter']);
    // nothing on stderr but progress lines ("[  0.0s] …") and the Debian wrapper's shell noise
    expect(r.stderr.split('\n').filter((l) => l && !/unexpected operator/.test(l) && !/^\[\s*\d+\.\ds\] /.test(l))).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/report\.pdf: \d+ pages? \(Letter/);
    const pdf = join(REPORT_DIR, 'report.pdf');
    expect(existsSync(pdf)).toBe(true);
    const pages = Number(/: (\d+) page/.exec(r.stdout)![1]);
    expect(countPdfPages(readFileSync(pdf))).toBe(pages);
    expect(readFileSync(pdf, 'latin1')).toMatch(/\/MediaBox \[0 0 612 792\]/);
    expect(readdirSync(REPORT_DIR).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });
});
