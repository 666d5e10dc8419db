export type { Collector, ArtifactInput, ParseContext, FetchContext, FetchedArtifact } from './collector.js';
export { collectors, collectorFor, snapshotKindsFor } from './registry.js';
export { collectSources } from './collect-sources.js';
// Source names belong to the workspace; re-exported for callers that reach them from here.
export { sourceNames } from '../workspace/index.js';
export type { SourceOutcome, ArtifactOutcome, CollectOptions } from './collect-sources.js';
export { ignoredFieldsWarning } from './ignored-fields-warning.js';
export { resolveSourceFiles, globToRegExp, sourceFileTypes } from './resolve-files.js';
export type { SourceFilesSpec } from './resolve-files.js';
export { rederiveRecords } from './rederive-records.js';
