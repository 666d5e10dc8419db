import { FieldworkError, exitCodeFor, formatWhere } from '@fieldwork/core';
import type { Command } from 'commander';
import { ignoredFieldsWarning } from '../../collectors/index.js';
import { collectWorkspace } from '../../pipeline/collect-workspace.js';
import { withWorkspace } from '../context.js';
import type { GlobalOptions } from '../context.js';
import { dim, green, out, printJson, progress, red, yellow } from '../output.js';

export function registerCollect(program: Command, globals: () => GlobalOptions, setExit: (code: number) => void): void {
  program
    .command('collect')
    .description('collect evidence from every source in fieldwork.yaml (identical bytes are skipped)')
    .option('--source <names...>', 'only these sources')
    .option('--wait', 'when another collection of this workspace is running, wait for it instead of refusing (exit 2)')
    .action(async (flags: { source?: string[]; wait?: boolean }) => {
      const g = globals();
      await withWorkspace(g, async ({ ws, store }) => {
        const bar = g.json ? undefined : progress('collect');
        const outcomes = await collectWorkspace(ws, store, {
          only: flags.source, log: (m) => process.stderr.write(`${m}\n`), onSource: (i, total, name) => bar?.update(i, total, name),
          wait: !!flags.wait, onWait: (holder) => process.stderr.write(`Another collection is running ${holder}; waiting for it to finish…\n`),
        });
        bar?.done();
        if (flags.source && outcomes.length === 0) throw new FieldworkError('USAGE', `No source named ${flags.source.join(', ')}.`, { hint: 'Source names are the `name` fields in fieldwork.yaml (or the kind when unnamed).' });
        const failed = outcomes.filter((o) => o.status === 'failed');
        if (failed.length) setExit(Math.max(...failed.map((o) => exitCodeFor(o.error!.code))));
        if (g.json) {
          return printJson({
            sources: outcomes.map((o) => ({
              name: o.name, kind: o.kind, status: o.status, records: o.records,
              ignored: o.ignored,
              artifacts: o.artifacts.map((a) => ({ name: a.name, sha256: a.sha256, status: a.status, records: a.records ?? 0, populations: a.populations ?? {}, superseded: a.superseded ?? 0, ignored: a.ignored ?? [], ...(a.error ? { error: a.error.toJSON() } : {}) })),
              ...(o.error ? { error: o.error.toJSON() } : {}),
            })),
          });
        }
        if (outcomes.length === 0) out(yellow('No sources in fieldwork.yaml yet: add some under `sources:` (see the README).'));
        for (const o of outcomes) {
          const mark = o.status === 'failed' ? red('failed   ') : o.status === 'collected' ? green('collected') : dim('unchanged');
          const pops = new Map<string, number>();
          for (const a of o.artifacts) for (const [k, v] of Object.entries(a.populations ?? {})) pops.set(k, (pops.get(k) ?? 0) + v);
          const detail = [...pops].map(([k, v]) => `${v} ${k}`).join(', ');
          // Re-stated or no longer stated facts of earlier artifacts: counted once (docs/recollection.md).
          const superseded = o.artifacts.reduce((n, a) => n + (a.superseded ?? 0), 0);
          out(`${mark} ${o.name} ${dim(`(${o.kind})`)} ${o.artifacts.length} artifact(s)${detail ? `: ${detail}` : ''}${superseded ? dim(`; ${superseded} earlier record(s) superseded`) : ''}`);
          for (const a of o.artifacts.filter((x) => x.error)) printErr(a.error!, `  ${a.name}`);
          const notRead = ignoredFieldsWarning(o);
          if (notRead) process.stderr.write(`  ${yellow('warning')} ${notRead}\n`);
          if (o.error && !o.artifacts.some((a) => a.error)) printErr(o.error, '');
        }
        if (failed.length) process.stderr.write(`\n${failed.length} source(s) failed; nothing from a failed artifact was stored. The other sources were collected.\n`);
      });
    });
}

function printErr(e: FieldworkError, prefix: string): void {
  const where = formatWhere(e.where);
  process.stderr.write(`${prefix}  ${red('error')} ${e.message}${where ? `\n${prefix}    at ${where}` : ''}${e.hint ? `\n${prefix}    hint: ${e.hint}` : ''}\n`);
}
