import { join } from 'node:path';
import { decideSubmission, markNotApplicable, submitEvidence } from '../manual-evidence/index.js';
import type { FieldworkStore } from '../store/index.js';
import type { LoadedWorkspace } from '../workspace/index.js';
import type { DemoEvidence } from './demo-context.js';

/**
 * Submits the demo's manual evidence through the same path as `fieldwork evidence add|accept|
 * reject|na`, each at its own time (the clock is passed in, as a person would have acted then).
 * Returns how many submissions and decisions were recorded.
 */
export async function submitDemoEvidence(ws: LoadedWorkspace, store: FieldworkStore, evidence: readonly DemoEvidence[]): Promise<{ submissions: number; decisions: number }> {
  let submissions = 0;
  let decisions = 0;
  for (const e of evidence) {
    if (e.kind === 'na') {
      decisions += (await markNotApplicable(ws, store, { control: e.control, covers: [e.covers], by: e.by, reason: e.reason }, new Date(e.at))).length;
      continue;
    }
    const { submission } = await submitEvidence(ws, store, {
      control: e.control, covers: e.covers, by: e.by, files: [{ path: join(ws.dir, e.file) }], note: e.note, performedOn: e.performedOn, validUntil: e.validUntil, via: 'fieldwork demo',
    }, new Date(e.at));
    submissions++;
    if (e.decision) {
      await decideSubmission(ws, store, { submission: submission.id, decision: e.decision.decision, by: e.decision.by, reason: e.decision.reason }, new Date(e.decision.at));
      decisions++;
    }
  }
  return { submissions, decisions };
}
