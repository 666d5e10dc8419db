import { localDate } from '@fieldwork/core';
import type { Period } from '@fieldwork/core';
import type { FieldworkStore } from '../store/index.js';
import { emptyWindowWarning, evidenceSpan, windowWarnings } from '../workspace/index.js';
import type { LoadedWorkspace } from '../workspace/index.js';
import { note, yellow } from './output.js';

/**
 * Names a window evidence cannot speak for (in the future, outside every collected artifact's
 * dates, or empty because nothing dated was collected yet) on stderr, with the fix, so stdout
 * (and `--json`) stays the result itself. Returns the warnings printed.
 */
export async function warnAboutWindow(ws: LoadedWorkspace, store: FieldworkStore, period: Period, now = new Date()): Promise<string[]> {
  const today = localDate(now, ws.config.timezone);
  const span = evidenceSpan(await store.ledger());
  const empty = emptyWindowWarning(period, today, span);
  const warnings = [...windowWarnings(period, today, span), ...(empty ? [empty] : [])];
  for (const w of warnings) note(`${yellow('warning')} ${w}`);
  return warnings;
}
