import type { IsolationProbeRecord } from '@fieldwork/core';
import type { ProbeRun } from '../../probe/probe-run.js';

/**
 * Maps a probe run to an `isolation_probe` record. `leaks` and `passed` are kept as the file
 * states them; the tenant-isolation check judges the run from its attempts, so an edited
 * `passed` flag cannot turn a leaking run into a passing one.
 */
export function mapProbeRun(run: ProbeRun, finishedAt: string, cite: { source: string; artifact: string; locator: string }): IsolationProbeRecord {
  return {
    kind: 'isolation_probe',
    ...cite,
    runId: run.runId,
    store: run.store,
    adapter: run.adapter,
    at: finishedAt,
    tenants: run.tenants,
    canaries: run.canaries,
    attempts: run.attempts,
    leaks: run.leaks,
    passed: run.passed,
  };
}
