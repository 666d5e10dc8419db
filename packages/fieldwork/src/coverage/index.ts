/** @module Which source kinds serve which controls, and what a workspace's sources leave uncovered. */
export { COLLECTOR_RECORD_KINDS } from './collector-record-kinds.js';
export { sourceCoverage, sourceGaps, sourcesEmitting } from './source-coverage.js';
export type { ControlGap, ControlSources } from './source-coverage.js';
export { sourceCoverageMarkdown, sourceKindRows } from './source-coverage-markdown.js';
