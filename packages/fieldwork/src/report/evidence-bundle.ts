import type { CheckRun, Control } from '@fieldwork/core';
import { GENESIS } from '../evidence/index.js';
import type { LedgerEntry } from '../evidence/index.js';
import type { FieldworkStore } from '../store/index.js';
import { resolveControls, sourceNames } from '../workspace/index.js';
import type { LoadedWorkspace } from '../workspace/index.js';
import { buildEvidenceMap } from './evidence-map.js';
import type { EvidenceMap } from './evidence-map.js';
import { workspaceCheckpoints } from './workspace-checkpoints.js';
import type { WorkspaceCheckpoint } from './workspace-checkpoints.js';

/** The latest stored check run, as `saveRun('check', …)` wrote it. */
export interface StoredCheck {
  id: number;
  createdAt: string;
  /** The ledger head the run read, and the digest of its stored results (null for older runs). */
  ledgerHead: { seq: number; hash: string } | null;
  resultsDigest: string | null;
  run: CheckRun;
  controls: Control[];
}

/**
 * Everything a report renders, read from the store: the evidence map, the check run behind it
 * (for the exceptions and their citations) and the ledger. Reports render this; none of them
 * re-runs a check.
 */
export interface EvidenceBundle {
  organization: string;
  timezone: string;
  map: EvidenceMap;
  check: StoredCheck | null;
  ledger: LedgerEntry[];
  /** Hash of the last ledger entry (the genesis hash when nothing was collected). */
  ledgerHead: string;
  /** Signed checkpoints of the ledger head found in the workspace's `checkpoints/` folder. */
  checkpoints: WorkspaceCheckpoint[];
}

/**
 * Reads the latest check run and the ledger and builds the bundle. `now` stamps the map; the
 * auditor package passes the check run's time so the same evidence renders the same bytes.
 */
export async function loadEvidenceBundle(ws: LoadedWorkspace, store: FieldworkStore, now?: Date): Promise<EvidenceBundle> {
  const check = await latestCheck(store);
  const ledger = await store.ledger();
  const map = buildEvidenceMap({
    config: ws.config, controls: resolveControls(ws.config), sourceNames: sourceNames(ws.config.sources),
    results: check?.run.results, checkRunAt: check?.createdAt ?? null, period: check?.run.period ?? null, ledger, now,
    risks: (await store.loadRecords(['risk'])).risk ?? [],
  });
  return { organization: ws.config.organization, timezone: ws.config.timezone, map, check, ledger, ledgerHead: ledger.at(-1)?.hash ?? GENESIS, checkpoints: workspaceCheckpoints(ws.dir) };
}

// Runs are immutable once stored, so one command that renders several reports (`report
// --package --oscal --framework all`) reads the latest run's exceptions once per store.
const checks = new WeakMap<FieldworkStore, StoredCheck>();

/** The latest stored check run, read once per store while it stays the latest. */
async function latestCheck(store: FieldworkStore): Promise<StoredCheck | null> {
  const head = await store.db.selectFrom('runs').select('id').where('type', '=', 'check').orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (!head) return null;
  const hit = checks.get(store);
  if (hit && hit.id === Number(head.id)) return hit;
  const stored = await store.latestRun<CheckRun & { controls: Control[] }>('check');
  if (!stored) return null;
  const check = { id: stored.id, createdAt: stored.createdAt, ledgerHead: stored.ledgerHead, resultsDigest: stored.resultsDigest, run: { period: stored.data.period, asOf: stored.data.asOf, results: stored.data.results }, controls: stored.data.controls };
  checks.set(store, check);
  return check;
}
