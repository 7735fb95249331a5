export * from '../../common/batch/records';
export * from '../../common/batch/summary';
export * from './verify';
