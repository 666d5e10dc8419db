/** @module The cross-tenant isolation probe: the runner, its adapters and how a run becomes evidence. */
export type { ProbeAdapter, ProbeAnswer } from './probe-adapter.js';
export { runProbe } from './run-probe.js';
export type { RunProbeOptions } from './run-probe.js';
export { PROBE_RUN_FORMAT, probeRunSchema, probeVerdict } from './probe-run.js';
export type { ProbeRun, ProbeRunAttempt } from './probe-run.js';
export { probeConfigSchema, httpProbeConfigSchema, postgresProbeConfigSchema } from './probe-config.js';
export type { ProbeConfig, HttpProbeConfig, PostgresProbeConfig } from './probe-config.js';
export { memoryAdapter } from './adapters/memory-adapter.js';
export { httpAdapter } from './adapters/http-adapter.js';
export { postgresAdapter } from './adapters/postgres-adapter.js';
export type { SqlSession } from './adapters/postgres-adapter.js';
export { storeProbeRun, probeRunBytes } from './store-probe-run.js';
