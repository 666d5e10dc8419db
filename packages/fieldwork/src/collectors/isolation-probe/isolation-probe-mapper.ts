import type { IsolationProbeRecord } from '@fieldwork/core/records';
import type { ProbeRun } from '../../probe/probe-run.js';
import type { ImportedProbeRun } from './isolation-probe-config.js';

// What `probe memory --adapter memory` noted before runs carried `selfTest`; such runs are self-tests too.
const SELF_TEST_NOTE = 'probed an in-process SDK store (a self-test)';

/** True for a run against a store inside the probing process: it tests the SDK, not the platform. */
export function isSelfTest(run: Pick<ProbeRun, 'selfTest' | 'adapter' | 'notes'>): boolean {
  return run.selfTest === true || (run.adapter === 'memory' && run.notes.some((n) => n.includes(SELF_TEST_NOTE)));
}

/**
 * Maps a probe run to an `isolation_probe` record. `leaks` and `passed` are kept as the file
 * states them (or left out when it does not); the tenant-isolation check judges the run from its
 * attempts, so an edited `passed` flag cannot turn a leaking run into a passing one.
 */
export function mapProbeRun(run: ImportedProbeRun, finishedAt: string, cite: { source: string; artifact: string; locator: string }): IsolationProbeRecord {
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
    ...(run.leaks === undefined ? {} : { leaks: run.leaks }),
    ...(run.passed === undefined ? {} : { passed: run.passed }),
    ...(isSelfTest(run) ? { selfTest: true } : {}),
  };
}
