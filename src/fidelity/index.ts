/** Fidelity to the five core practices, reach and timing (issue 9): the public API of src/fidelity. */
export { measureFidelity, fidelityOptions, type FidelityOptions } from './measure-fidelity.js';
export { fidelityScore } from './fidelity-score.js';
export { covariateContrast, notTargeted, type GroupMoments } from './not-targeted.js';
export * from './fidelity-schema.js';
