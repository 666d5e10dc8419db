import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectSources } from '../collectors/index.js';
import { generateDemo } from '../demo/index.js';
import { auditTypeTwo } from '../pipeline/audit-workspace.js';
import { FieldworkStore } from '../store/index.js';
import { freshPostgresSchema } from '../testing/index.js';
import { loadWorkspace } from '../workspace/index.js';
import type { LoadedWorkspace } from '../workspace/index.js';

/** A demo workspace (`--problems all`) with collected evidence, a stored check run and a stored mock audit. */
export interface ReportTestWorkspace {
  dir: string;
  ws: LoadedWorkspace;
  store: FieldworkStore;
  /** Closes the store and removes the folder. */
  dispose(): Promise<void>;
}

/**
 * Builds the demo workspace in a fresh temporary folder and runs collect, check and the mock
 * audit on it (as `fieldwork demo` does), for report tests: reports only read what is stored.
 * `postgres` stores it in a fresh schema of `FIELDWORK_TEST_DATABASE_URL` (blobs in the database).
 */
export async function buildReportTestWorkspace(dialect: 'sqlite' | 'postgres' = 'sqlite'): Promise<ReportTestWorkspace> {
  const root = mkdtempSync(join(tmpdir(), 'fieldwork-report-'));
  const dir = join(root, 'demo');
  // Every planted problem on, so each report shows exceptions in every automated control.
  generateDemo(dir, 1, 'all');
  const ws = loadWorkspace(dir);
  const schema = dialect === 'postgres' ? await freshPostgresSchema() : undefined;
  const store = await FieldworkStore.open(schema ? { dialect: 'postgres', url: schema.url } : FieldworkStore.locationFor(dir, {}));
  await collectSources({ workspaceDir: dir, timezone: ws.config.timezone, sources: ws.config.sources, store });
  // The audit runs the checks first and stores both runs.
  await auditTypeTwo(ws, store, {});
  return {
    dir, ws, store,
    async dispose() {
      await store.close();
      await schema?.drop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
