export { canonicalJson } from './canonical-json.js';
export { sha256, sha256File } from './hash.js';
export type { BlobStore } from './blob-store.js';
export { FsBlobStore } from './fs-blob-store.js';
export { DbBlobStore } from './db-blob-store.js';
export { GENESIS, entryHash, readLedger, appendLedgerEntry, lockHead } from './ledger.js';
export type { LedgerEntry, LedgerEntryBody } from './ledger.js';
export { verifyEvidence } from './verify-evidence.js';
export type { VerifyResult, VerifyProblem } from './verify-evidence.js';
