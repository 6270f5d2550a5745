import type { Config } from 'vega-lite';

/** Font family used for every piece of chart text (shipped via the `dejavu-fonts-ttf` npm package). */
export const CHART_FONT = 'DejaVu Sans';

/** Okabe–Ito blue, used for the visited (treated) group in every chart. */
export const VISITED_COLOR = '#0072B2';

/** Okabe–Ito orange, used for the comparison group in every chart. */
export const COMPARISON_COLOR = '#E69F00';

/** The full Okabe–Ito colour-blind-safe palette, visited and comparison colours first. */
export const OKABE_ITO = [
  VISITED_COLOR,
  COMPARISON_COLOR,
  '#009E73', // bluish green
  '#CC79A7', // reddish purple
  '#56B4E9', // sky blue
  '#D55E00', // vermillion
  '#F0E442', // yellow
  '#000000', // black
] as const;

/** Dark grey used for titles, labels and other chart text. */
export const TEXT_COLOR = '#222222';

/** Font sizes (px) chosen to stay readable when a chart is placed on a slide. */
export const FONT_SIZES = {
  title: 18,
  subtitle: 14,
  axisTitle: 14,
  axisLabel: 12,
  legendTitle: 14,
  legendLabel: 12,
  markText: 12,
} as const;

/**
 * Label width limit (px) for axis and legend labels; vega truncates longer labels with "…".
 * Wide enough for long category names such as "Chronic absence (share of students)".
 */
export const LABEL_LIMIT = 320;

/** Font, size, colour and width limit of the labels and the title of an axis, legend or facet header. */
function labelAndTitleText(labelFontSize: number, titleFontSize: number) {
  return {
    labelFont: CHART_FONT,
    titleFont: CHART_FONT,
    labelFontSize,
    titleFontSize,
    labelColor: TEXT_COLOR,
    titleColor: TEXT_COLOR,
    labelLimit: LABEL_LIMIT,
  };
}

/** The vega-lite `config` applied to every chart rendered by this module. */
export const chartConfig: Config = {
  font: CHART_FONT,
  background: 'white',
  padding: 8,
  title: {
    font: CHART_FONT,
    fontSize: FONT_SIZES.title,
    subtitleFont: CHART_FONT,
    subtitleFontSize: FONT_SIZES.subtitle,
    color: TEXT_COLOR,
    subtitleColor: TEXT_COLOR,
    anchor: 'start',
    limit: 0,
    offset: 10,
  },
  axis: {
    ...labelAndTitleText(FONT_SIZES.axisLabel, FONT_SIZES.axisTitle),
    // vega caps the space reserved for labels at 200px by default, which pushes the axis
    // title on top of long labels; reserve room for a full LABEL_LIMIT label plus tick.
    maxExtent: LABEL_LIMIT + 20,
    // Drop (rather than butt together) tick labels closer than 4px on continuous axes.
    labelSeparation: 4,
    titlePadding: 8,
    gridColor: '#e5e5e5',
    domainColor: '#888888',
    tickColor: '#888888',
  },
  legend: {
    ...labelAndTitleText(FONT_SIZES.legendLabel, FONT_SIZES.legendTitle),
    titleLimit: LABEL_LIMIT,
  },
  header: labelAndTitleText(FONT_SIZES.axisLabel, FONT_SIZES.axisTitle),
  text: { font: CHART_FONT, fontSize: FONT_SIZES.markText, fill: TEXT_COLOR },
  mark: { color: VISITED_COLOR },
  range: { category: [...OKABE_ITO] },
  view: { stroke: null },
};

/** Facet a chart into one row per outcome (in results order), each with its own x scale and a bold left-aligned header. */
export function outcomeRows() {
  return {
    facet: { row: { field: 'outcome', type: 'nominal' as const, title: null, sort: { field: 'order', op: 'min' as const }, header: { labelAngle: 0, labelAlign: 'left' as const, labelAnchor: 'start' as const, labelOrient: 'top' as const, labelFontSize: 13, labelFontWeight: 'bold' as const } } },
    resolve: { scale: { x: 'independent' as const } },
    spacing: 6,
  };
}
