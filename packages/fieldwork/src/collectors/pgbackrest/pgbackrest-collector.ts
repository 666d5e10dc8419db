import { FieldworkError } from '@fieldwork/core/errors';
import type { FieldworkRecord } from '@fieldwork/core/records';
import type { Collector } from '../collector.js';
import { iterateJsonItems, pointer } from '../input/index.js';
import { pgbackrestOptionsSchema } from './pgbackrest-config.js';
import type { PgbackrestOptions } from './pgbackrest-config.js';
import { mapPgbackrestBackup, pgbackrestStanzaSchema } from './pgbackrest-mapper.js';

const HINT = 'pgbackrest-info reads the output of `pgbackrest info --output=json`: an array of stanzas, each with name, status and backup[].';

/** pgBackRest repository info: every backup of every stanza, one backup_job each. */
export const pgbackrestCollector: Collector<PgbackrestOptions> = {
  kind: 'pgbackrest-info',
  snapshotKinds: [],
  description: 'pgBackRest repository info (pgbackrest info --output=json): backups per stanza',
  options: pgbackrestOptionsSchema,
  mediaType: 'application/json',
  async *parse(input, options, ctx): AsyncGenerator<FieldworkRecord> {
    for await (const item of iterateJsonItems(input)) {
      // The output is an array of stanzas (streamed element by element); a single stanza object is accepted too.
      const where = { file: input.displayName, ...(item.line !== undefined ? { line: item.line } : {}), pointer: item.locator.startsWith('line') ? '/' : item.locator || '/' };
      const stanza = pgbackrestStanzaSchema.safeParse(item.value);
      if (!stanza.success) throw wrong(input.displayName, where.pointer, item.line);
      const base = item.locator.startsWith('line') ? '' : item.locator;
      const prefix = item.locator.startsWith('line') ? `${item.locator}#` : '';
      for (const [i, b] of stanza.data.backup.entries()) {
        const p = pointer(base, 'backup', i);
        yield mapPgbackrestBackup(stanza.data.name, b, options, ctx.cite(prefix + p), { ...where, pointer: p });
      }
    }
  },
};

function wrong(file: string, ptr: string, line?: number): FieldworkError {
  return new FieldworkError('INPUT_WRONG_FORMAT', `${file} does not look like pgBackRest info output (no stanza name/status at ${ptr}).`, {
    where: { file, pointer: ptr, ...(line !== undefined ? { line } : {}) }, hint: HINT,
  });
}
