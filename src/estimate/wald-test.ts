/** Moved to src/stats/regression/wald-test.ts; re-exported here for the callers of the old place. */
export { waldTestP } from '../stats/regression/index.js';
