import { FieldworkError } from '@fieldwork/core/errors';
import type { Where } from '@fieldwork/core/errors';
import type { FieldworkRecord } from '@fieldwork/core/records';
import type { Collector } from '../collector.js';
import { iterateJsonItems, pointer } from '../input/index.js';
import { resticOptionsSchema } from './restic-config.js';
import type { ResticOptions } from './restic-config.js';
import { mapResticSnapshot, resticSnapshotSchema } from './restic-mapper.js';

const HINT = 'restic-snapshots reads `restic snapshots --json` (an array of snapshots with time, id, hostname, paths), also with --group-by.';

/** restic snapshots: each snapshot is a completed backup of its host and paths. */
export const resticCollector: Collector<ResticOptions> = {
  kind: 'restic-snapshots',
  snapshotKinds: [],
  description: 'restic snapshots (restic snapshots --json, with or without --group-by)',
  options: resticOptionsSchema,
  mediaType: 'application/json',
  async *parse(input, options, ctx): AsyncGenerator<FieldworkRecord> {
    const seen = new Set<string>();
    let n = 0;
    for await (const item of iterateJsonItems(input)) {
      const prefix = item.line !== undefined ? `${item.locator}#` : '';
      const base = item.line !== undefined ? '' : item.locator;
      const where: Where = { file: input.displayName, ...(item.line !== undefined ? { line: item.line } : {}) };
      // --group-by wraps snapshots in {group_key, snapshots}.
      const v = item.value as { group_key?: unknown; snapshots?: unknown };
      const list = v && typeof v === 'object' && !Array.isArray(v) && Array.isArray(v.snapshots) ? v.snapshots.map((s, i) => ({ s, p: pointer(base, 'snapshots', i) })) : [{ s: item.value, p: base }];
      for (const { s, p } of list) {
        const parsed = resticSnapshotSchema.safeParse(s);
        const at = { ...where, pointer: p || '/' };
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          const field = issue.path.map(String).join('/');
          throw new FieldworkError(n === 0 ? 'INPUT_WRONG_FORMAT' : 'INPUT_INVALID_RECORD', `${input.displayName}: ${n === 0 ? 'this does not look like a restic snapshot' : 'malformed restic snapshot'} (${field || 'snapshot'}: ${issue.message}).`, {
            where: { ...at, pointer: `${p}/${field}` }, hint: HINT,
          });
        }
        n++;
        if (seen.has(parsed.data.id)) continue;
        seen.add(parsed.data.id);
        yield mapResticSnapshot(parsed.data, options, ctx.cite(p ? prefix + p : item.locator), at);
      }
    }
  },
};
