import { collectSources } from '../collectors/index.js';
import type { SourceOutcome } from '../collectors/index.js';
import { recordCollectionOutcomes } from '../notify/notification-log.js';
import type { FieldworkStore } from '../store/index.js';
import type { LoadedWorkspace } from '../workspace/index.js';

/** How a collection run is started. */
export interface CollectWorkspaceOptions {
  only?: string[];
  log?: (m: string) => void;
  env?: NodeJS.ProcessEnv;
  fetch?: typeof fetch;
  onSource?: (index: number, total: number, name: string) => void;
  /** Queue behind a running collection of the same workspace instead of refusing (COLLECTION_RUNNING). */
  wait?: boolean;
  /** Told who holds the lock when waiting starts. */
  onWait?: (holder: string) => void;
}

/**
 * Collects every source of a workspace (or the named ones) into its store, holding the
 * workspace's collection lock: CLI runs, schedules and the dashboard's "Collect evidence now"
 * serialize, and a second one is refused with a message naming the first (or waits).
 */
export async function collectWorkspace(ws: LoadedWorkspace, store: FieldworkStore, o: CollectWorkspaceOptions = {}): Promise<SourceOutcome[]> {
  const { wait, onWait, ...rest } = o;
  const outcomes = await store.exclusiveCollection(() => collectSources({
    workspaceDir: ws.dir, timezone: ws.config.timezone, sources: ws.config.sources, workspace: ws.config as Record<string, unknown>, store, ...rest,
  }), { wait, ...(onWait ? { onWait } : {}) });
  // Kept so the daily digest can tell owners which collections failed (docs/notifications.md).
  await recordCollectionOutcomes(store, new Date().toISOString(), outcomes.map((x) => {
    const error = x.error ?? x.artifacts.find((a) => a.error)?.error;
    return { source: x.name, kind: x.kind, status: x.status, ...(error ? { errorCode: error.code, errorMessage: error.message } : {}) };
  }));
  return outcomes;
}
