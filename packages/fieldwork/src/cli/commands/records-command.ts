import type { Command } from 'commander';
import { FieldworkError, isRecordKind, recordIdentity, recordSchemas } from '@fieldwork/core';
import type { RecordKind } from '@fieldwork/core';
import { recordSubject, recordTime } from '../../store/index.js';
import { withWorkspace } from '../context.js';
import type { GlobalOptions } from '../context.js';
import { dim, out, printJson } from '../output.js';
import { dateOrInstantFlag } from '../date-flag.js';

interface RecordsFlags {
  source?: string;
  asOf?: string;
}

/**
 * `fieldwork records KIND [--source NAME] [--as-of DATE]`: the facts the sources state now (each
 * once, as its latest artifact says it), or what they stated as collected by a date.
 */
export function registerRecords(program: Command, globals: () => GlobalOptions): void {
  program
    .command('records')
    .description('print the facts of one record kind: the current view, or what the sources stated as of a date')
    .argument('<kind>', 'record kind (person, change, vendor, finding, …)')
    .option('--source <name>', 'only this source entry')
    .option('--as-of <date>', 'what the sources stated as collected by this date (YYYY-MM-DD, end of day UTC) or instant', dateOrInstantFlag('--as-of'))
    .action(async (kind: string, flags: RecordsFlags) => {
      const g = globals();
      if (!isRecordKind(kind)) {
        throw new FieldworkError('USAGE', `"${kind}" is not a record kind.`, { hint: `Record kinds: ${Object.keys(recordSchemas).join(', ')}.` });
      }
      await withWorkspace(g, async ({ store }) => {
        const set = await store.loadRecords([kind as RecordKind], { ...(flags.source !== undefined ? { source: flags.source } : {}), ...(flags.asOf !== undefined ? { asOf: flags.asOf } : {}) });
        const records = set[kind as RecordKind] ?? [];
        if (g.json) {
          return printJson({ kind, asOf: flags.asOf ?? null, source: flags.source ?? null, count: records.length, records: records.map((r) => ({ identity: recordIdentity(r), ...r })) });
        }
        out(`${records.length} ${kind} record(s)${flags.source ? ` from ${flags.source}` : ''}${flags.asOf ? ` as of ${flags.asOf}` : ' (current)'}`);
        for (const r of records) {
          out(`  ${recordSubject(r) ?? recordIdentity(r)}${recordTime(r) ? `  ${recordTime(r)}` : ''}  ${dim(`${r.source} ${r.artifact.slice(0, 12)} ${r.locator}`)}`);
        }
      });
    });
}
