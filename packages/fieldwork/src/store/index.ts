export { FieldworkStore, recordTime, recordSubject } from './fieldwork-store.js';
export type { IngestInput, IngestResult, LoadRecordsOptions } from './fieldwork-store.js';
export { openDatabase } from './open-database.js';
export type { StoreLocation, OpenedDatabase } from './open-database.js';
export type { Database } from './schema.js';
export { readRunData, readRunSummaries, replaceRunSummary, runsToSummarize, saveRunSummary } from './run-summaries.js';
export type { ReadSummariesOptions } from './run-summaries.js';
export { storeRecordReader, withSnapshot } from './record-reader.js';
export type { StoreSnapshot } from './record-reader.js';
