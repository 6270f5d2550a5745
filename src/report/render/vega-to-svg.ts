import { GlobalFonts } from 'canvas';
import { compile, type TopLevelSpec } from 'vega-lite';
import * as vega from 'vega';
import { CHART_FONT, chartConfig } from './chart-theme.js';
import { DEJAVU_SANS_FILES } from './fonts.js';

// Register the shipped DejaVu files with the canvas used by vega for text metrics, so label
// widths are measured with the same font that the SVG names and resvg draws, even on a
// machine without system fonts. `canvas` is the npm alias of @napi-rs/canvas.
for (const file of DEJAVU_SANS_FILES) {
  if (!GlobalFonts.registerFromPath(file, CHART_FONT)) {
    process.stderr.write(`[vega] WARN could not register font ${file}; text widths may not match the PNG\n`);
  }
}

/** A vega logger at warn level that writes to stderr, so chart warnings never reach stdout. */
function stderrLogger(): vega.LoggerInterface {
  return vega.logger(vega.Warn, undefined, (_method, level, input) => {
    process.stderr.write(`[vega] ${level} ${input.map((x) => (x instanceof Error ? x.message : String(x))).join(' ')}\n`);
  });
}

/** Whether vega measures text with a real canvas (true) or falls back to its ~1.5–1.8× over-estimate (false). */
export function usesCanvasTextMetrics(): boolean {
  // vega exports textMetrics at runtime but its type declarations omit it.
  const tm = (vega as unknown as { textMetrics?: { width: unknown; measureWidth: unknown } }).textMetrics;
  return tm !== undefined && tm.width === tm.measureWidth;
}

/** Tail of the render queue: renders run one at a time so the shared SVG id counters stay deterministic. */
let queue: Promise<unknown> = Promise.resolve();

/** Compile a vega-lite spec with the shared chart theme and render it headlessly to an SVG string. */
export function vegaLiteToSvg(spec: TopLevelSpec): Promise<string> {
  const result = queue.then(() => renderOne(spec));
  queue = result.catch(() => undefined);
  return result;
}

/** Render one spec; callers must not overlap (see the queue above). */
async function renderOne(spec: TopLevelSpec): Promise<string> {
  const log = stderrLogger();
  // Theme first, spec.config on top: vega-lite merges opts.config under spec.config.
  const { spec: vgSpec } = compile(spec, { config: chartConfig, logger: log });
  const view = new vega.View(vega.parse(vgSpec), { renderer: 'none', logger: log });
  try {
    // Clip-path and gradient ids come from module-level counters that every View shares;
    // reset them so the same spec always yields byte-identical SVG whatever ran before.
    vega.resetSVGDefIds();
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
