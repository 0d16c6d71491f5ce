// Public entry of the agreement library: coefficients over plain reliability
// data, and the QDA-level helpers that build such data from coded spans.
export * from './coefficients.js';
export * from './qda-units.js';
export * from './ordered.js';
export * from './multi-rater.js';
