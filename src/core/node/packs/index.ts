export * from './catalogue';
export * from './generate';
