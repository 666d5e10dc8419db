import type { FieldworkStore } from '../store/index.js';
import type { LoadedWorkspace } from '../workspace/index.js';

/**
 * Evidence requests overdue at `asOf`, per control id, or undefined when this workspace cannot
 * tell. The seam where the evidence-request statuses plug in: until they do, the trend page
 * leaves the overdue-requests series out rather than drawing zeros it does not know.
 */
export async function requestsOverdueAt(_ws: LoadedWorkspace, _store: FieldworkStore, _asOf: string): Promise<ReadonlyMap<string, number> | undefined> {
  return undefined;
}
