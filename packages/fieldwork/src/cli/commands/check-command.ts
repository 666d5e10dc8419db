import type { Command } from 'commander';
import { checkRunJson, checkWorkspace, summarize } from '../../pipeline/check-workspace.js';
import { withWorkspace } from '../context.js';
import { warnAboutWindow } from '../window-note.js';
import type { GlobalOptions } from '../context.js';
import { dateFlag } from '../date-flag.js';
import { bold, dim, green, out, printJson, red, yellow } from '../output.js';

const MARK: Record<string, (s: string) => string> = { pass: green, exception: red, insufficient_evidence: yellow, not_tested: dim };

export function registerCheck(program: Command, globals: () => GlobalOptions, setExit: (code: number) => void): void {
  program
    .command('check')
    .description('test every control in scope against the collected evidence')
    .option('--from <date>', 'period start (default: the report window)', dateFlag('--from'))
    .option('--to <date>', 'period end', dateFlag('--to'))
    .option('--strict', 'exit 1 when any control has exceptions')
    .option('--all', 'list every control, not only those with findings')
    .action(async (flags: { from?: string; to?: string; strict?: boolean; all?: boolean }) => {
      const g = globals();
      await withWorkspace(g, async ({ ws, store }) => {
        const run = await checkWorkspace(ws, store, flags);
        await warnAboutWindow(ws, store, run.period);
        const s = summarize(run.results);
        if (flags.strict && s.exception > 0) setExit(1);
        if (g.json) return printJson(checkRunJson(run, run.controls));
        out(bold(`${ws.config.organization}: ${run.period.from} to ${run.period.to} (evidence as of ${run.asOf})`));
        for (const r of run.results) {
          if (!flags.all && r.status !== 'exception' && r.status !== 'insufficient_evidence') continue;
          out(`${(MARK[r.status] ?? dim)(r.status.replace('_', ' ').padEnd(21))} ${r.control} ${r.title} ${dim(`population ${r.population}`)}`);
          for (const e of r.exceptions.slice(0, 20)) out(`    ${red('•')} ${e.subject}: ${e.detail} ${dim(`[${e.rule}]`)}`);
          if (r.exceptions.length > 20) out(dim(`    … and ${r.exceptions.length - 20} more (see --json)`));
          for (const n of r.status === 'insufficient_evidence' ? r.notes : []) out(dim(`    ${n}`));
        }
        out(`\n${s.controls} controls: ${green(`${s.pass} pass`)}, ${red(`${s.exception} with exceptions (${s.exceptions})`)}, ${yellow(`${s.insufficient_evidence} insufficient evidence`)}, ${dim(`${s.not_tested} not tested`)}`);
      });
    });
}
