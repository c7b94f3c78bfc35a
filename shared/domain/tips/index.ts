export * from './types';
export * from './engine';
export { costOfParts, partsOf, type PriceUsed } from './cost';
export { RULES } from './rules';
