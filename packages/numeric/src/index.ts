export { erf, erfc } from './erf.js';
export { regularizedGammaP, regularizedGammaQ } from './incomplete-gamma.js';
export { logGamma } from './log-gamma.js';
export { inverseNormalCdf, normalCdf, normalPdf, normalSurvival } from './normal.js';
