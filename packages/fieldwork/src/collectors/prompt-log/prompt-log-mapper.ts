import { FieldworkError } from '@fieldwork/core/errors';
import type { PromptRecordRecord } from '@fieldwork/core/records';
import { instantFromEpoch, normalizeInstant } from '../input/index.js';
import type { PromptLogOptions } from './prompt-log-config.js';
import { scanContent, textsOf } from './scan-content.js';

type Where = { file: string; line?: number; pointer?: string };

/** The first present field among the configured names. */
export function field(row: Record<string, unknown>, names: string | string[]): unknown {
  for (const n of Array.isArray(names) ? names : [names]) if (row[n] !== undefined && row[n] !== null && row[n] !== '') return row[n];
  return undefined;
}

const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

/** An instant from ISO text or epoch seconds / milliseconds. */
export function instantOf(v: unknown, where: Where, name: string, tz: string): string | undefined {
  if (typeof v === 'number') return instantFromEpoch(v, v > 1e11 ? 'milliseconds' : 'seconds', where, name);
  return normalizeInstant(str(v), where, name, tz);
}

/**
 * One prompt-log line → a prompt record: who, when and where, PII counts and redacted
 * excerpts. The content itself is scanned and dropped.
 */
export function mapPromptLogRow(row: Record<string, unknown>, o: PromptLogOptions, store: string, fallbackId: string, where: Where, tz: string, cite: { source: string; artifact: string; locator: string }): PromptRecordRecord {
  const f = o.fields;
  const at = instantOf(field(row, f.timestamp), where, 'timestamp', tz);
  if (!at) {
    throw new FieldworkError('INPUT_INVALID_RECORD', `${where.file}: ${cite.locator} has no timestamp (${[f.timestamp].flat().join(', ')}).`, { where, hint: 'Each prompt-log record needs its time; map the field with options.fields.timestamp.' });
  }
  const scan = scanContent(textsOf(field(row, f.content)), o.maxExcerpts);
  const tenant = str(field(row, f.tenant));
  const user = field(row, f.user);
  const endUser = str(user) ?? str((user as { id?: unknown } | undefined)?.id);
  const conversation = str(field(row, f.conversation));
  const role = str(field(row, f.role));
  return {
    kind: 'prompt_record', ...cite, store, id: str(field(row, f.id)) ?? fallbackId, at,
    ...(tenant ? { tenant } : {}), ...(endUser ? { endUser } : {}), ...(conversation ? { conversation } : {}), ...(role ? { role } : {}),
    field: 'prompt-log', ...scan,
  };
}
