// Public surface of the transfer layer; re-exported by sidecar/src/index.ts.
export * from './errors';
export * from './db-config';
export * from './sdk-home';
export * from './transfer-paths';
export * from './rate-limit';
export * from './retry';
export * from './transfer-line';
export * from './progress-tracker';
export type { RecordStore } from './record/record-store';
export { recordKey, recordValue, recordTime, type RecordKeyParts, type RecordValue } from './record/record-key';
export { openSqliteRecords } from './record/sqlite-record';
export { openRedisRecords } from './record/redis-record';
export { openRecordStore } from './record/open-records';
export { planUpload, type PlannedItem, type UploadPlan, type PlanContext } from './record/plan-upload';
export type { EngineName, StorageKind, TransferItem, TransferRequest, TransferResult, TransferEngine } from './engines/engine';
export { HttpEngine, type HttpEngineOptions } from './engines/http';
export { createStorageClient, encodeServerPath, type StorageClient } from './engines/http-storage';
export * from './download/index';
