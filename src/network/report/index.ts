/** The network report: network.html, forest plots (SVG, PNG, Vega-Lite) and the CSV tables, written into a folder. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { vegaLiteToSvg, svgToPng } from '../../report/render/index.js';
import type { NetworkResults } from '../network-schema.js';
import { forestAlt, forestChart, forestId, hasForest } from './forest-chart.js';
import { networkHtml } from './network-html.js';
import { writeNetworkTables } from './network-tables.js';
import type { ForestFigure } from './section-pooled.js';

/** Render every pooled cell's forest plot into `<folder>/figures/` (`forest-<outcome>-<method>[-effect-size].svg|png|vl.json`). */
export async function writeForestFigures(folder: string, r: NetworkResults): Promise<Map<string, ForestFigure>> {
  const dir = join(folder, 'figures');
  mkdirSync(dir, { recursive: true });
  const figures = new Map<string, ForestFigure>();
  for (const c of r.pooled.filter(hasForest)) {
    const id = forestId(c);
    const spec = forestChart(c);
    const svg = await vegaLiteToSvg(spec);
    writeFileSync(join(dir, `${id}.svg`), svg);
    writeFileSync(join(dir, `${id}.png`), svgToPng(svg));
    writeFileSync(join(dir, `${id}.vl.json`), `${JSON.stringify(spec, null, 2)}\n`);
    figures.set(id, { id, svg, alt: forestAlt(c) });
  }
  return figures;
}

/** Write the network report into `folder` (network.html, figures/, tables/) from pooled results. */
export async function writeNetworkReport(folder: string, results: NetworkResults): Promise<void> {
  writeNetworkTables(folder, results);
  const figures = await writeForestFigures(folder, results);
  writeFileSync(join(folder, 'network.html'), networkHtml(results, figures));
}
