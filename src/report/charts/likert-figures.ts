/** The Likert figures of a run: one per survey scale (all its waves), with the file id, title and alt text the report and figures/ use. */
import type { TopLevelSpec } from 'vega-lite';
import type { Publishable } from '../../privacy/publishable.js';
import type { Results } from '../../results/results-schema.js';
import { likertChart, likertCaption } from './likert-chart.js';

/** A Likert figure to render: `survey-<instrument file stem>-<scale>` in figures/. */
export interface LikertFigureSpec {
  id: string;
  title: string;
  spec: TopLevelSpec;
  alt: string;
  likert: { instrument: string; scale: string; respondent_type: 'teacher' | 'parent' };
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** One spec per scale of the gated surveys block; none without one. */
export function likertFigureSpecs(p: Publishable<Results>): LikertFigureSpec[] {
  const s = p.data.surveys;
  if (!s) return [];
  const keys = [...new Map(s.scales.map((r) => [`${r.instrument}\u0000${r.scale}`, r])).values()];
  return keys.map((first) => {
    const stats = s.scales.filter((r) => r.instrument === first.instrument && r.scale === first.scale);
    const file = s.instruments.find((i) => i.name === first.instrument)?.file ?? first.instrument;
    return {
      id: `survey-${slug(file.replace(/\.ya?ml$/i, ''))}-${slug(first.scale)}`,
      title: `${first.label}: item responses`,
      spec: likertChart(stats, p.fewerThan),
      alt: `${first.label}, ${first.respondent_type === 'teacher' ? 'teachers' : 'parents'}. ${likertCaption(stats, p.fewerThan)}`,
      likert: { instrument: first.instrument, scale: first.scale, respondent_type: first.respondent_type },
    };
  });
}
