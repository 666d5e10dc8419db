import { z } from 'zod';
import { FieldworkError } from '@fieldwork/core/errors';
import type { Where } from '@fieldwork/core/errors';
import type { BackupJobRecord } from '@fieldwork/core/records';
import type { ResticOptions } from './restic-config.js';

/** One snapshot of `restic snapshots --json`. */
export const resticSnapshotSchema = z.object({
  time: z.string().min(1),
  tree: z.string().optional(),
  paths: z.array(z.string()).min(1),
  hostname: z.string().min(1),
  username: z.string().optional(),
  id: z.string().min(1),
  short_id: z.string().optional(),
  tags: z.array(z.string()).nullish(),
  program_version: z.string().optional(),
  /** restic ≥ 0.17 */
  summary: z.object({
    backup_start: z.string().optional(),
    backup_end: z.string().optional(),
    total_bytes_processed: z.number().nonnegative().optional(),
  }).loose().optional(),
}).loose();
export type ResticSnapshot = z.infer<typeof resticSnapshotSchema>;

type Cite = { source: string; artifact: string; locator: string };

/** restic writes local times with an offset and nanoseconds; the instant is what counts. */
function instant(value: string, where: Where, field: string): string {
  const t = Date.parse(value);
  if (Number.isNaN(t) || !/[zZ]|[+-]\d{2}:?\d{2}$/.test(value)) {
    throw new FieldworkError('INPUT_INVALID_RECORD', `${field} "${value}" is not a timestamp with an offset.`, {
      where: { ...where, pointer: `${where.pointer}/${field.replace('.', '/')}` },
      hint: 'restic writes RFC 3339 times such as 2026-04-05T01:30:02.123456789-07:00; export with `restic snapshots --json`.',
    });
  }
  return new Date(t).toISOString();
}

/** The default resource of a snapshot: host and the sorted paths it backs up. */
export function resticResource(s: ResticSnapshot): string {
  return `${s.hostname}:${[...s.paths].sort().join(',')}`;
}

/** Maps a restic snapshot (a completed backup by construction) to a backup_job record. */
export function mapResticSnapshot(s: ResticSnapshot, options: ResticOptions, cite: Cite, where: Where): BackupJobRecord {
  const end = s.summary?.backup_end ? instant(s.summary.backup_end, where, 'summary.backup_end') : undefined;
  return {
    kind: 'backup_job',
    ...cite,
    tool: 'restic',
    resource: options.resource ?? resticResource(s),
    jobId: s.id,
    at: instant(s.time, where, 'time'),
    ...(end ? { completedAt: end } : {}),
    // A snapshot exists only once restic has written it completely.
    status: 'completed',
    ...(s.summary?.total_bytes_processed !== undefined ? { sizeBytes: s.summary.total_bytes_processed } : {}),
    recoveryPoint: s.short_id ?? s.id.slice(0, 8),
  };
}
