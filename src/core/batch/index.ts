export * from './records';
export * from './summary';
export * from './verify';
