export * from './dates.ts';
export * from './employee.ts';
export * from './episode.ts';
