import type { IsolationProbeRecord } from '@fieldwork/core';
import { probeVerdict } from '../../probe/probe-run.js';
import type { ProbeRun } from '../../probe/probe-run.js';

/**
 * Maps a probe run to an `isolation_probe` record. Leaks and the verdict are recomputed from
 * the attempts, so an edited `passed` flag cannot turn a leaking run into a passing one.
 */
export function mapProbeRun(run: ProbeRun, finishedAt: string, cite: { source: string; artifact: string; locator: string }): IsolationProbeRecord {
  const { leaks, passed } = probeVerdict(run);
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
    leaks,
    passed,
  };
}
