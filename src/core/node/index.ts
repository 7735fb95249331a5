/** The Node core: HMAC, encodings, signing and verifying. Re-exports the browser-safe core for Node callers. */
export * from '../common/index';
export * from './encoding';
export * from './mmob/sign';
export * from './mmob/verify';
export * from './mmob/snippet';
export * from './eber/hash';
export * from './eber/url';
export * from './eber/verify';
