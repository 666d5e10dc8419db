export type { Collector, ArtifactInput, ParseContext, FetchContext, FetchedArtifact } from './collector.js';
export { collectors, collectorFor, snapshotKindsFor } from './registry.js';
export { collectSources, sourceNames } from './collect-sources.js';
export type { SourceOutcome, ArtifactOutcome, CollectOptions } from './collect-sources.js';
export { ignoredFieldsWarning } from './ignored-fields-warning.js';
export { resolveSourceFiles, globToRegExp, sourceFileTypes } from './resolve-files.js';
export type { SourceFilesSpec } from './resolve-files.js';
export { rederiveRecords } from './rederive-records.js';
