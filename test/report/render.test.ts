import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadImage, createCanvas } from 'canvas';
import * as vega from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import {
  COMPARISON_COLOR,
  chartConfig,
  svgToPng,
  usesCanvasTextMetrics,
  vegaLiteToSvg,
  VISITED_COLOR,
} from '../../src/report/render/index.js';

const OUT_DIR = join('test-output', 'render');
const LONG_LABEL = 'Chronic absence (share of students)';

const ROWS = [
  { measure: LONG_LABEL, value: 0.14 },
  { measure: 'Attendance rate', value: 0.93 },
  { measure: 'On-time arrival', value: 0.81 },
  { measure: 'Suspensions', value: 0.04 },
  { measure: 'Course passing', value: 0.88 },
];

/** Horizontal bar chart whose y-axis tick labels include the long label. */
function barSpec(title?: string): TopLevelSpec {
  return {
    ...(title === undefined ? {} : { title: { text: title, anchor: 'end' } }),
    data: { values: ROWS },
    mark: 'bar',
    encoding: {
      y: { field: 'measure', type: 'nominal', sort: null, title: null },
      x: { field: 'value', type: 'quantitative', title: 'Share of students' },
    },
  } as TopLevelSpec;
}

/** The `width`/`height` attributes of the root <svg> element. */
function svgSize(svg: string): { width: number; height: number } {
  const m = /^<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg);
  if (!m) throw new Error('no width/height on root <svg>');
  return { width: Number(m[1]), height: Number(m[2]) };
}

/** Count the bar marks vega emitted: <path>/<rect> children of the rect-mark group(s). */
function countBarMarks(svg: string): number {
  const groups = [...svg.matchAll(/<g class="mark-rect role-mark[^"]*"[^>]*>(.*?)<\/g>/g)];
  return groups.reduce((n, g) => n + (g[1]!.match(/<(path|rect)\b/g)?.length ?? 0), 0);
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Decode a PNG buffer to RGBA pixels (via @napi-rs/canvas, i.e. independent of resvg). */
async function decodePng(png: Buffer): Promise<{ width: number; height: number; data: Uint8ClampedArray }> {
  const img = await loadImage(png);
  const c = createCanvas(img.width, img.height);
  const ctx = c.getContext('2d');
  ctx.drawImage(img, 0, 0);
  return { width: img.width, height: img.height, data: ctx.getImageData(0, 0, img.width, img.height).data };
}

/** Number of near-black pixels (text is #222; bars, grid and axis lines are not this dark) in a rectangle. */
function darkPixels(
  img: { width: number; data: Uint8ClampedArray },
  x0: number,
  y0: number,
  x1: number,
  y1: number,
): number {
  let n = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * img.width + x) * 4;
      if (img.data[i]! < 100 && img.data[i + 1]! < 100 && img.data[i + 2]! < 100 && img.data[i + 3]! > 200) n++;
    }
  }
  return n;
}

describe('vegaLiteToSvg', () => {
  it('measures text with a real canvas (the canvas alias of @napi-rs/canvas is loaded)', () => {
    expect(usesCanvasTextMetrics()).toBe(true);
  });

  it('keeps a long axis label whole, with the DejaVu font on every text element', async () => {
    const svg = await vegaLiteToSvg(barSpec());
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain(`>${LONG_LABEL}</text>`);
    expect(svg).not.toContain('\u2026');
    const texts = svg.match(/<text\b[^>]*>/g) ?? [];
    expect(texts.length).toBeGreaterThan(ROWS.length);
    for (const t of texts) expect(t).toContain('font-family="DejaVu Sans"');
  });

  it('would truncate that label with vega\'s width estimate (so the check above has teeth)', async () => {
    const metrics = (vega as unknown as { textMetrics: { canvas(use: boolean): void } }).textMetrics;
    metrics.canvas(false);
    try {
      const svg = await vegaLiteToSvg(barSpec());
      expect(svg).not.toContain(`>${LONG_LABEL}</text>`);
      expect(svg).toContain('\u2026');
    } finally {
      metrics.canvas(true);
    }
    expect(usesCanvasTextMetrics()).toBe(true);
  });

  it('emits one bar mark per data row', async () => {
    const svg = await vegaLiteToSvg(barSpec());
    expect(countBarMarks(svg)).toBe(ROWS.length);
    // Theme colour reaches the bars.
    expect(svg.match(new RegExp(`fill="${VISITED_COLOR}"`, 'g'))?.length).toBe(ROWS.length);

    const grouped: TopLevelSpec = {
      data: {
        values: ROWS.flatMap((r) => [
          { ...r, group: 'Visited' },
          { ...r, group: 'Comparison', value: r.value * 0.9 },
        ]),
      },
      mark: 'bar',
      encoding: {
        y: { field: 'measure', type: 'nominal' },
        yOffset: { field: 'group' },
        x: { field: 'value', type: 'quantitative' },
        color: {
          field: 'group',
          type: 'nominal',
          scale: { domain: ['Visited', 'Comparison'], range: [VISITED_COLOR, COMPARISON_COLOR] },
        },
      },
    };
    const svg2 = await vegaLiteToSvg(grouped);
    expect(countBarMarks(svg2)).toBe(ROWS.length * 2);
    expect(svg2.match(new RegExp(`fill="${COMPARISON_COLOR}"`, 'g'))?.length).toBeGreaterThanOrEqual(ROWS.length);
  });

  it('is deterministic: the same spec twice gives byte-identical SVG, even after other charts', async () => {
    const clipped: TopLevelSpec = {
      data: { values: ROWS },
      mark: { type: 'bar', clip: true },
      encoding: {
        x: { field: 'measure', type: 'nominal' },
        y: { field: 'value', type: 'quantitative', scale: { domain: [0, 0.5] } },
      },
    };
    const a = await vegaLiteToSvg(clipped);
    expect(a).toContain('clip-path="url(#clip');
    await vegaLiteToSvg(barSpec('something else'));
    const b = await vegaLiteToSvg(clipped);
    expect(b).toBe(a);
    expect(await vegaLiteToSvg(barSpec())).toBe(await vegaLiteToSvg(barSpec()));
    // Concurrent calls must not interleave the shared clip-id counter.
    const concurrent = await Promise.all([clipped, clipped, barSpec(), clipped].map((s) => vegaLiteToSvg(s)));
    expect(concurrent[0]).toBe(a);
    expect(concurrent[1]).toBe(a);
    expect(concurrent[3]).toBe(a);
  });

  it('rejects an invalid spec without wedging later renders', async () => {
    await expect(vegaLiteToSvg({ mark: 'nope' } as unknown as TopLevelSpec)).rejects.toThrow();
    expect(await vegaLiteToSvg(barSpec())).toContain(LONG_LABEL);
  });

  it('lets spec.config override the theme', async () => {
    const spec = { ...barSpec(), config: { axis: { labelFontSize: 20 } } } as TopLevelSpec;
    const svg = await vegaLiteToSvg(spec);
    expect(svg).toContain('font-size="20px"');
    expect(chartConfig.axis?.labelFontSize).toBe(12);
  });
});

describe('svgToPng', () => {
  it('produces a PNG scale× the SVG size, with visible text where the title sits', async () => {
    mkdirSync(OUT_DIR, { recursive: true });
    const withTitle = await vegaLiteToSvg(barSpec('Outcomes, visited vs. comparison'));
    const noTitle = await vegaLiteToSvg(barSpec());
    const scale = 2;
    const pngTitle = svgToPng(withTitle);
    const pngPlain = svgToPng(noTitle, { scale });
    writeFileSync(join(OUT_DIR, 'bar-with-title.png'), pngTitle);
    writeFileSync(join(OUT_DIR, 'bar-no-title.png'), pngPlain);
    writeFileSync(join(OUT_DIR, 'bar-with-title.svg'), withTitle);

    expect(pngTitle.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const st = svgSize(withTitle);
    const sp = svgSize(noTitle);
    expect(pngSize(pngTitle)).toEqual({ width: st.width * scale, height: st.height * scale });
    expect(pngSize(pngPlain)).toEqual({ width: sp.width * scale, height: sp.height * scale });
    expect(pngSize(svgToPng(noTitle, { scale: 1 }))).toEqual(sp);

    // The title adds a band at the top; it is anchored at the end (right), so look at the
    // right half of that band. Titled: glyph pixels. Untitled: plot area only (no text).
    expect(st.width).toBe(sp.width);
    expect(st.height).toBeGreaterThan(sp.height);
    const band = (st.height - sp.height) * scale;
    const t = await decodePng(pngTitle);
    const p = await decodePng(pngPlain);
    const half = Math.floor(t.width / 2);
    expect(darkPixels(t, half, 0, t.width, band)).toBeGreaterThan(200);
    expect(darkPixels(p, half, 0, p.width, band)).toBe(0);
    // Axis labels render as text in both images.
    expect(darkPixels(p, 0, 0, half, p.height)).toBeGreaterThan(500);

    // Background defaults to white; an explicit background is honoured (for transparent SVG).
    expect([...p.data.subarray(0, 4)]).toEqual([255, 255, 255, 255]);
    const empty = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="3"></svg>';
    const white = await decodePng(svgToPng(empty));
    expect([white.width, white.height]).toEqual([8, 6]);
    expect([...white.data.subarray(0, 4)]).toEqual([255, 255, 255, 255]);
    const black = await decodePng(svgToPng(empty, { background: '#000000' }));
    expect([...black.data.subarray(0, 4)]).toEqual([0, 0, 0, 255]);
  });

  it('rejects a non-positive scale', () => {
    expect(() => svgToPng('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>', { scale: 0 })).toThrow(
      RangeError,
    );
  });
});
