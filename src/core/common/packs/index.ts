export * from './types';
export * from './format';
export * from './html';
export { cspHash, sha256 } from './sha256';
