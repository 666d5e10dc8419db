import { localDate, ninetyDayPlan, planResultKey, recordsOf } from '@fieldwork/core';
import type { CheckRun, ControlResult } from '@fieldwork/core';
import type { Command } from 'commander';
import { checkWorkspace } from '../../pipeline/check-workspace.js';
import { roleHolder } from '../../pipeline/audit-workspace.js';
import { isPlaceholderPerson } from '../../workspace/index.js';
import { withWorkspace } from '../context.js';
import { warnAboutWindow } from '../window-note.js';
import type { GlobalOptions } from '../context.js';
import { bold, dim, green, out, printJson, red, yellow } from '../output.js';

const MARK: Record<string, (s: string) => string> = { done: green, in_progress: yellow, open: (s) => s, manual: dim };
const LABEL: Record<string, string> = { done: 'done', in_progress: 'in progress', open: 'open', manual: 'attest' };

export function registerPlan(program: Command, globals: () => GlobalOptions, setExit: (code: number) => void): void {
  program
    .command('plan')
    .description('the 90-day readiness path from the workspace start date, with status from the evidence')
    .option('--strict', 'exit 1 when a task is overdue')
    .action(async (flags: { strict?: boolean }) => {
      const g = globals();
      await withWorkspace(g, async ({ ws, store }) => {
        const today = localDate(new Date(), ws.config.timezone);
        const last = await store.latestRun<CheckRun>('check');
        const run: CheckRun = last ? last.data : await checkWorkspace(ws, store);
        const results: ControlResult[] = run.results;
        await warnAboutWindow(ws, store, run.period);
        const byCheck = new Map(results.filter((r) => planResultKey(r)).map((r) => [planResultKey(r) as string, r]));
        const ledger = await store.ledger();
        const sources = new Set(ledger.filter((e) => e.kind !== 'policies-md' && e.kind !== 'policy-approval').map((e) => e.source));
        const plan = ninetyDayPlan({
          start: ws.config.startDate ?? today, today,
          ownerOf: (role) => roleHolder(ws, role) ?? `${ws.config.owners.compliance.name} (no ${role} named)`,
    ownerIsPlaceholder: isPlaceholderPerson(ws.config.owners.compliance),
          auditorSelected: !!(ws.config as Record<string, unknown>).auditor,
          evidenceSources: sources.size,
          policies: recordsOf(await store.loadRecords(['policy']), 'policy'),
          results: byCheck,
          typeOneAssessed: !!(await store.latestRun('audit-type1')),
          report: ws.config.scope.report,
        });
        if (flags.strict && plan.summary.overdue > 0) setExit(1);
        if (g.json) return printJson(plan);
        out(bold(`90-day plan from ${plan.start} (today ${plan.today}): ${plan.summary.done} done, ${plan.summary.open} open, ${plan.summary.overdue} overdue`));
        for (const ph of plan.phases) {
          out(`\n${bold(`Days ${ph.phase === 1 ? '1–15' : ph.phase === 2 ? '16–45' : ph.phase === 3 ? '46–75' : '76–90'}: ${ph.title}`)} ${dim(`${ph.from} → ${ph.to}`)}`);
          for (const t of plan.tasks.filter((x) => x.phase === ph.phase)) {
            out(`  ${MARK[t.status](LABEL[t.status].padEnd(12))} ${t.title} ${dim(`· ${t.owner} · due ${t.due}`)}${t.overdue ? ` ${red('OVERDUE')}` : ''}`);
            if (t.status !== 'done') out(dim(`      ${t.why}`));
          }
        }
      });
    });
}
