import { localDate } from '@fieldwork/core';
import type { Period } from '@fieldwork/core';
import type { FieldworkStore } from '../store/index.js';
import { evidenceSpan, windowWarnings } from '../workspace/index.js';
import type { LoadedWorkspace } from '../workspace/index.js';
import { note, yellow } from './output.js';

/**
 * Names a window evidence cannot speak for (in the future, or outside every collected
 * artifact's dates) on stderr, with the fix, so stdout (and `--json`) stays the result itself.
 * Returns the warnings printed.
 */
export async function warnAboutWindow(ws: LoadedWorkspace, store: FieldworkStore, period: Period, now = new Date()): Promise<string[]> {
  const warnings = windowWarnings(period, localDate(now, ws.config.timezone), evidenceSpan(await store.ledger()));
  for (const w of warnings) note(`${yellow('warning')} ${w}`);
  return warnings;
}
