/** The browser-safe core: codes, constants, formatting, snippet text, expiry and time parsing, result shapes. */
export * from './errors';
export * from './explain';
export * from './format';
export * from './product';
export * from './time';
export * from './mmob/codes';
export * from './mmob/extract';
export * from './mmob/signature';
export * from './mmob/snippet';
export * from './eber/constants';
export * from './eber/expiry';
export * from './eber/verdict';
export * from './batch/formats';
export * from './batch/records';
export * from './batch/summary';
export * from './options';
