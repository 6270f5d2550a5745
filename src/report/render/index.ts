export { vegaLiteToSvg, usesCanvasTextMetrics } from './vega-to-svg.js';
export { svgToPng, type SvgToPngOptions } from './svg-to-png.js';
export {
  chartConfig,
  CHART_FONT,
  COMPARISON_COLOR,
  FONT_SIZES,
  LABEL_LIMIT,
  OKABE_ITO,
  TEXT_COLOR,
  VISITED_COLOR,
  outcomeRows,
} from './chart-theme.js';
export { DEJAVU_SANS_FILES } from './fonts.js';
