import { Resvg } from '@resvg/resvg-js';
import { CHART_FONT } from './chart-theme.js';
import { DEJAVU_SANS_FILES } from './fonts.js';

/** Options for {@link svgToPng}. */
export interface SvgToPngOptions {
  /** Pixel density multiplier: the PNG is `scale` times the SVG's width and height (default 2). */
  scale?: number;
  /** CSS colour painted behind the chart (default white). */
  background?: string;
}

/** Rasterise an SVG string to a PNG buffer with resvg, drawing text with the npm-shipped DejaVu fonts. */
export function svgToPng(svg: string, opts: SvgToPngOptions = {}): Buffer {
  const scale = opts.scale ?? 2;
  if (!(scale > 0) || !Number.isFinite(scale)) throw new RangeError(`svgToPng: scale must be a positive number, got ${scale}`);
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: opts.background ?? 'white',
    font: {
      // Without font files resvg silently draws no text at all; never depend on system fonts.
      loadSystemFonts: false,
      fontFiles: [...DEJAVU_SANS_FILES],
      defaultFontFamily: CHART_FONT,
      sansSerifFamily: CHART_FONT,
    },
    logLevel: 'off',
  });
  return resvg.render().asPng();
}
