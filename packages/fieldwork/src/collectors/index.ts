export type { Collector, ArtifactInput, ParseContext, FetchContext, FetchedArtifact } from './collector.js';
export { collectors, collectorFor } from './registry.js';
export { collectSources } from './collect-sources.js';
// Source names belong to the workspace; re-exported for callers that reach them from here.
export { sourceNames } from '../workspace/index.js';
export type { SourceOutcome, ArtifactOutcome, CollectOptions } from './collect-sources.js';
export { resolveSourceFiles, globToRegExp } from './resolve-files.js';
