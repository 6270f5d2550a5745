/** Sentences of the network report that several sections share. */
import type { NetworkResults, PooledCell, StateRow } from '../network-schema.js';

/** Why a pooled cell (or a state row) shows no numbers, in words. */
export function suppressionText(reason: PooledCell['suppression_reason'] | StateRow['suppression_reason'], minCell: number): string {
  switch (reason) {
    case 'pooled_n_below_min_cell':
      return `Suppressed: the pooled studies rest on fewer than ${minCell} students.`;
    case 'no_study':
      return 'Not pooled: no site showed this estimate.';
    case 'single_study':
      return 'Not pooled: one site only.';
    default:
      return '';
  }
}

/** Why a bundle was left out of the pool, in words. */
export const EXCLUDED_TEXT: Record<NetworkResults['excluded'][number]['reason'], string> = {
  mixed_definitions: 'its definitions differ from the other bundles (use --allow-mixed to pool them anyway)',
  mixed_version: 'its bundle or results schema version differs from the other bundles (use --allow-mixed to pool a different results schema anyway; a bundle version this one does not read is always left out)',
  mixed_min_cell: 'its min_cell differs from the other bundles (use --allow-mixed to pool them anyway, under the largest min_cell)',
};

/** A count with its noun, singular or plural. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}
