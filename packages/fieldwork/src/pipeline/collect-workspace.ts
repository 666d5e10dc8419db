import { collectSources } from '../collectors/index.js';
import type { SourceOutcome } from '../collectors/index.js';
import type { FieldworkStore } from '../store/index.js';
import type { LoadedWorkspace } from '../workspace/index.js';

/** Collects every source of a workspace (or the named ones) into its store. */
export function collectWorkspace(ws: LoadedWorkspace, store: FieldworkStore, o: { only?: string[]; log?: (m: string) => void; env?: NodeJS.ProcessEnv; fetch?: typeof fetch; onSource?: (index: number, total: number, name: string) => void } = {}): Promise<SourceOutcome[]> {
  return collectSources({
    workspaceDir: ws.dir, timezone: ws.config.timezone, sources: ws.config.sources, workspace: ws.config as Record<string, unknown>, store, ...o,
  });
}
