export * from './errors';
export * from './events';
export * from './methods';
export * from './types';
export * from './client';
export * from './transport';
export * from './format';
