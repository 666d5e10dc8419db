/** @module History of check runs: compact per-run summaries and the trends drawn from them. */
export { RUN_SUMMARY_VERSION, addToCounts, emptyCounts, exceptionId, summarizeRun } from './run-summary.js';
export type { ControlSummary, RunSummary, StatusCounts, SummaryExtras } from './run-summary.js';
export { matchesFilter, matchesSearch, orderPoints, trendFacets, trendSeries } from './trend-series.js';
export type { ControlTrend, GroupTrend, SummaryPoint, Trend, TrendFacets, TrendFilter, TrendPoint } from './trend-series.js';
