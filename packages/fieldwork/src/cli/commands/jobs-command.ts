import { FieldworkError } from '@fieldwork/core';
import type { Command } from 'commander';
import { compileSchedule, listJobHistory } from '../../schedule/index.js';
import type { JobHistoryEntry } from '../../schedule/index.js';
import { withWorkspace } from '../context.js';
import type { GlobalOptions } from '../context.js';
import { bold, dim, green, out, printJson, red, yellow } from '../output.js';

const MARK: Record<string, (s: string) => string> = { completed: green, failed: red, interrupted: red, retry: yellow, running: yellow, active: yellow };

function summary(j: JobHistoryEntry): string {
  if (j.error) return j.error;
  const o = j.output as Record<string, unknown> | null;
  if (!o || typeof o !== 'object') return '';
  if (Array.isArray(o.collected)) return `${(o.collected as unknown[]).length} collected, ${(o.unchanged as unknown[]).length} unchanged, ${(o.failed as unknown[]).length} failed`;
  if (o.summary && typeof o.summary === 'object') {
    const s = o.summary as Record<string, number>;
    return `run ${String(o.runId)}: ${s.pass} pass, ${s.exception} with exceptions, ${s.insufficient_evidence} insufficient evidence`;
  }
  if (typeof o.skipped === 'string') return o.skipped;
  return JSON.stringify(o).slice(0, 100);
}

export function registerJobs(program: Command, globals: () => GlobalOptions): void {
  program
    .command('jobs')
    .description('list scheduled runs (what `fieldwork serve` ran from schedule.jobs), newest first')
    .option('--limit <n>', 'how many runs to list', '20')
    .option('--before <cursor>', 'the page after a previous one (its `next` value)')
    .action(async (flags: { limit: string; before?: string }) => {
      const g = globals();
      const limit = Number(flags.limit);
      if (!/^\d+$/.test(flags.limit) || limit < 1 || limit > 1000) throw new FieldworkError('USAGE', `--limit ${flags.limit} is not a number from 1 to 1000.`, { hint: 'e.g. --limit 50' });
      await withWorkspace(g, async ({ ws, store }) => {
        const plan = compileSchedule(ws);
        const page = await listJobHistory(store, { limit, ...(flags.before ? { before: flags.before } : {}) });
        if (g.json) {
          return printJson({
            schedule: plan.jobs.map((j) => ({ name: j.name, job: j.job, cron: j.cron, timezone: j.timezone, ...(j.sources ? { sources: j.sources } : {}), next: j.nextRun(new Date())?.toISOString() ?? null })),
            ...page,
          });
        }
        out(bold(`Schedule (${plan.jobs.length} job(s), ${store.dialect === 'postgres' ? 'pg-boss' : 'in-process'})`));
        for (const j of plan.jobs) out(`  ${j.name.padEnd(20)} ${j.cron.padEnd(16)} ${j.timezone.padEnd(16)} next ${j.nextRun(new Date())?.toISOString() ?? 'never'}`);
        if (plan.jobs.length === 0) out(dim('  none: add schedule.jobs to fieldwork.yaml (see docs/continuous-operation.md)'));
        out('');
        out(bold('Runs (newest first)'));
        if (page.jobs.length === 0) out(dim('  none yet'));
        for (const j of page.jobs) {
          const retries = j.retries ? ` retried ${j.retries}×` : '';
          out(`  ${j.tick}  ${j.job.padEnd(20)} ${(MARK[j.state] ?? dim)(j.state.padEnd(11))} attempt ${j.attempts}${retries}  ${dim(j.ranBy ?? '')}  ${summary(j)}`);
        }
        if (page.next) out(dim(`  more: fieldwork jobs --before ${page.next}`));
      });
    });
}
