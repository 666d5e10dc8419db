import { frameworkCoverage } from '@fieldwork/core';
import type { FrameworkCoverage } from '@fieldwork/core';
import type { Command } from 'commander';
import { checkResultJson, checkWorkspace, summarize } from '../../pipeline/check-workspace.js';
import { withWorkspace } from '../context.js';
import { warnAboutWindow } from '../window-note.js';
import type { GlobalOptions } from '../context.js';
import { dateFlag } from '../date-flag.js';
import { HEAP_GROWING_PERCENT, withHeapGrowth } from '../../runtime/heap-growth.js';
import { bold, dim, green, out, printJsonStreamed, red, yellow } from '../output.js';
import { coverageLine, frameworkById } from '../../report/index.js';
import { resolveFrameworks } from '../../workspace/index.js';

const MARK: Record<string, (s: string) => string> = { pass: green, exception: red, insufficient_evidence: yellow, not_tested: dim };

export function registerCheck(program: Command, globals: () => GlobalOptions, setExit: (code: number) => void): void {
  program
    .command('check')
    .description('test every control in scope against the collected evidence')
    .option('--from <date>', 'period start (default: the report window)', dateFlag('--from'))
    .option('--to <date>', 'period end', dateFlag('--to'))
    .option('--strict', 'exit 1 when any control has exceptions')
    .option('--all', 'list every control, not only those with findings')
    .option('--framework <id>', 'also show the results as a framework\'s view: iso42001, nist-ai-rmf, eu-ai-act, owasp-llm, or one the workspace adds')
    .action(async (flags: { from?: string; to?: string; strict?: boolean; all?: boolean; framework?: string }) => {
      const g = globals();
      await withHeapGrowth(HEAP_GROWING_PERCENT.read, () => withWorkspace(g, async ({ ws, store }) => {
        // Resolved before the checks run, so an unknown id costs nothing and stores no run.
        const framework = flags.framework ? frameworkById(resolveFrameworks(ws), flags.framework) : undefined;
        const run = await checkWorkspace(ws, store, flags);
        const view = framework ? frameworkCoverage(framework, run.controls, run.results) : undefined;
        await warnAboutWindow(ws, store, run.period);
        const s = summarize(run.results);
        if (flags.strict && s.exception > 0) setExit(1);
        if (g.json) {
          // Written a result at a time: each result's JSON is built as it is written, never the whole run's.
          const json = checkResultJson(run.controls);
          return printJsonStreamed({ period: run.period, asOf: run.asOf, summary: s, results: run.results.map((r) => () => json(r)), ...(view ? { framework: frameworkJson(view) } : {}) });
        }
        out(bold(`${ws.config.organization}: ${run.period.from} to ${run.period.to} (evidence as of ${run.asOf})`));
        for (const r of run.results) {
          if (!flags.all && r.status !== 'exception' && r.status !== 'insufficient_evidence') continue;
          out(`${(MARK[r.status] ?? dim)(r.status.replace('_', ' ').padEnd(21))} ${r.control} ${r.title} ${dim(`population ${r.population}`)}`);
          for (const e of r.exceptions.slice(0, 20)) out(`    ${red('•')} ${e.subject}: ${e.detail} ${dim(`[${e.rule}]`)}`);
          if (r.exceptions.length > 20) out(dim(`    … and ${r.exceptions.length - 20} more (see --json)`));
          for (const n of r.status === 'insufficient_evidence' ? r.notes : []) out(dim(`    ${n}`));
        }
        out(`\n${s.controls} controls: ${green(`${s.pass} pass`)}, ${red(`${s.exception} with exceptions (${s.exceptions})`)}, ${yellow(`${s.insufficient_evidence} insufficient evidence`)}, ${dim(`${s.not_tested} not tested`)}`);
        if (view) printFrameworkView(view, flags.all === true);
      }));
    });
}

const STATE: Record<string, (s: string) => string> = { served: green, exceptions: red, untested: yellow, unmapped: dim };

/** The framework part of `check --json`: figures, then each requirement with the controls serving it. */
export function frameworkJson(view: FrameworkCoverage) {
  return {
    ...view.framework,
    summary: view.summary,
    requirements: view.requirements.map((r) => ({
      id: r.id, title: r.title, state: r.state,
      controls: r.controls.map((c) => ({ control: c.control, relationship: c.relationship, status: c.status, exceptions: c.exceptions.length })),
      ...(r.outOfScope.length ? { outOfScope: r.outOfScope } : {}),
    })),
  };
}

function printFrameworkView(view: FrameworkCoverage, all: boolean): void {
  out(`\n${bold(`${view.framework.name} (${view.framework.version})`)}`);
  out(coverageLine(view));
  for (const r of view.requirements) {
    if (!all && r.state !== 'exceptions') continue;
    const controls = r.controls.map((c) => `${c.control} ${c.status.replace('_', ' ')}${c.exceptions.length ? ` (${c.exceptions.length})` : ''}`).join(', ');
    out(`${(STATE[r.state] ?? dim)(r.state.padEnd(11))} ${r.id} ${r.title} ${dim(controls || 'no control')}`);
  }
  if (view.summary.unmapped.length) out(`${dim('no control:')} ${view.summary.unmapped.join(', ')}`);
}
