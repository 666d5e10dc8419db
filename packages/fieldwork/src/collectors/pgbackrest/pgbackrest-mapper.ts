import { z } from 'zod';
import { FieldworkError } from '@fieldwork/core/errors';
import type { Where } from '@fieldwork/core/errors';
import type { BackupJobRecord } from '@fieldwork/core/records';
import { instantFromEpoch } from '../input/index.js';
import type { PgbackrestOptions } from './pgbackrest-config.js';

/** One backup in a stanza's `backup` array. */
export const pgbackrestBackupSchema = z.object({
  label: z.string().min(1),
  type: z.string().optional(),
  timestamp: z.object({ start: z.number().nonnegative(), stop: z.number().nonnegative().optional() }),
  /** Since pgBackRest 2.36: true when the backup found errors (e.g. page checksum failures). */
  error: z.boolean().optional(),
  info: z.object({ size: z.number().nonnegative().optional() }).loose().optional(),
}).loose();

/** One stanza of `pgbackrest info --output=json`. */
export const pgbackrestStanzaSchema = z.object({
  name: z.string().min(1),
  status: z.object({ code: z.number(), message: z.string().optional() }).loose(),
  backup: z.array(z.unknown()).default([]),
}).loose();

type Cite = { source: string; artifact: string; locator: string };

/**
 * Maps one pgBackRest backup to a backup_job. pgBackRest lists only backups that finished; one
 * flagged `error: true` finished with errors and is recorded as failed, not as a usable backup.
 */
export function mapPgbackrestBackup(stanza: string, value: unknown, options: PgbackrestOptions, cite: Cite, where: Where): BackupJobRecord {
  const parsed = pgbackrestBackupSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.map(String).join('/');
    throw new FieldworkError('INPUT_INVALID_RECORD', `${where.file}: malformed pgBackRest backup (${field || 'backup'}: ${issue.message}).`, {
      where: { ...where, pointer: `${where.pointer}/${field}` },
      hint: 'Each backup has label, type and timestamp {start, stop} in epoch seconds, as `pgbackrest info --output=json` writes them.',
    });
  }
  const b = parsed.data;
  const iso = (s: number, field: string) => instantFromEpoch(s, 'seconds', { ...where, pointer: `${where.pointer}/timestamp/${field}` }, `timestamp.${field}`);
  return {
    kind: 'backup_job',
    ...cite,
    tool: 'pgbackrest',
    resource: options.resourceMap[stanza] ?? stanza,
    jobId: `${stanza}/${b.label}`,
    at: iso(b.timestamp.start, 'start'),
    ...(b.timestamp.stop !== undefined ? { completedAt: iso(b.timestamp.stop, 'stop') } : {}),
    status: b.error ? 'failed' : 'completed',
    ...(b.info?.size !== undefined ? { sizeBytes: b.info.size } : {}),
    recoveryPoint: b.label,
  };
}
