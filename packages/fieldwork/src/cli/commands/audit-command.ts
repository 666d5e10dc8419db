import { join, relative } from 'node:path';
import { mkdirSync } from 'node:fs';
import { FieldworkError } from '@fieldwork/core';
import type { AuditReport, SamplingProfile } from '@fieldwork/core';
import type { Command } from 'commander';
import { auditControlJson, auditHeaderJson, auditTypeOne, auditTypeTwo } from '../../pipeline/audit-workspace.js';
import { mockAuditMarkdown, typeOneMarkdown, writeAtomic } from '../../report/index.js';
import { withWorkspace } from '../context.js';
import { warnAboutWindow } from '../window-note.js';
import type { GlobalOptions } from '../context.js';
import { dateFlag } from '../date-flag.js';
import { HEAP_GROWING_PERCENT, withHeapGrowth } from '../../runtime/heap-growth.js';
import { bold, cyan, dim, green, out, printJson, printJsonStreamed, red, yellow } from '../output.js';

interface AuditFlags {
  type: string;
  asOf?: string;
  from?: string;
  to?: string;
  seed?: string;
  profile: string;
  confidence: string;
  tolerable: string;
  expected: string;
  strict?: boolean;
}

const COLOR: Record<string, (s: string) => string> = { effective: green, effective_with_exceptions: yellow, not_effective: red, insufficient_evidence: yellow, did_not_occur: dim, not_tested: dim };

export function registerAudit(program: Command, globals: () => GlobalOptions, setExit: (code: number) => void): void {
  program
    .command('audit')
    .description('Type I readiness (--type 1 --as-of DATE) or a Type II mock audit: population → seeded sample → trace → conclusion')
    .option('--type <1|2>', 'report type', '2')
    .option('--as-of <date>', 'Type I as-of date (default: the workspace report date)', dateFlag('--as-of'))
    .option('--from <date>', 'Type II window start (default: the workspace window)', dateFlag('--from'))
    .option('--to <date>', 'Type II window end', dateFlag('--to'))
    .option('--seed <s>', 'audit id the sample seeds derive from (default: organization and window)')
    .option('--profile <name>', 'sample sizes: practitioner | statistical', 'practitioner')
    .option('--confidence <p>', 'statistical profile: confidence', '0.95')
    .option('--tolerable <p>', 'statistical profile: tolerable deviation rate', '0.05')
    .option('--expected <p>', 'statistical profile: expected deviation rate', '0')
    .option('--strict', 'exit 1 when a control is not effective')
    .action(async (flags: AuditFlags) => {
      const g = globals();
      await withHeapGrowth(HEAP_GROWING_PERCENT.read, () => withWorkspace(g, async ({ ws, store }) => {
        const outDir = join(ws.dir, 'reports');
        mkdirSync(outDir, { recursive: true });
        if (flags.type === '1') {
          const r = ws.config.scope.report;
          const asOf = flags.asOf ?? (r.type === 1 ? r.asOf : r.from);
          await warnAboutWindow(ws, store, { from: asOf, to: asOf });
          const rep = await auditTypeOne(ws, store, asOf);
          const file = join(outDir, `type1-${asOf}.md`);
          writeAtomic(file, typeOneMarkdown(rep, ws.config.organization));
          if (flags.strict && !rep.ready) setExit(1);
          if (g.json) return printJson({ ...rep, report: file });
          out(bold(`Type I as of ${asOf}: ${rep.summary.designed}/${rep.summary.controls} designed, ${rep.summary.implemented} implemented with evidence`));
          for (const c of rep.controls.filter((x) => !x.designed).slice(0, 15)) out(`  ${yellow('design gap')} ${c.control} ${c.title}: ${c.gaps[0]}`);
          out(`Report: ${cyan(relative(process.cwd(), file))}`);
          return;
        }
        if (flags.type !== '2') throw new FieldworkError('USAGE', `--type ${flags.type}: use 1 or 2.`);
        const profile: SamplingProfile = flags.profile === 'statistical'
          ? { kind: 'statistical', confidence: Number(flags.confidence), tolerableRate: Number(flags.tolerable), expectedRate: Number(flags.expected) }
          : { kind: 'practitioner', perEventSmallPopulation: 25, perEventSample: 25 };
        if (flags.profile !== 'statistical' && flags.profile !== 'practitioner') throw new FieldworkError('USAGE', `--profile ${flags.profile}: use practitioner or statistical.`);
        let rep: AuditReport;
        try {
          rep = await auditTypeTwo(ws, store, { from: flags.from, to: flags.to, seed: flags.seed, profile });
        } catch (e) {
          if (e instanceof RangeError) throw new FieldworkError('USAGE', e.message, { hint: 'e.g. --confidence 0.95 --tolerable 0.05 --expected 0.01' });
          throw e;
        }
        await warnAboutWindow(ws, store, rep.period);
        const file = join(outDir, `mock-audit-${rep.period.from}-${rep.period.to}.md`);
        writeAtomic(file, mockAuditMarkdown(rep, ws.config.organization));
        if (flags.strict && rep.overall.byConclusion.not_effective > 0) setExit(1);
        if (g.json) return printJsonStreamed({ ...auditHeaderJson(rep), results: rep.controls.map((c) => () => auditControlJson(c)), report: file });
        out(bold(`Mock audit ${rep.period.from} to ${rep.period.to}: ${rep.overall.conclusion.replace('_', ' ')}`));
        out(dim(rep.note));
        for (const c of rep.controls.filter((x) => x.conclusion !== 'not_tested')) {
          out(`${(COLOR[c.conclusion] ?? dim)(c.conclusion.replace(/_/g, ' ').padEnd(26))} ${c.control} ${c.title} ${dim(`${c.population} ${c.population === 1 ? c.unit.noun : c.unit.plural}, sample ${c.sampleSize}, deviations ${c.deviations}, rule ${c.rule}`)}`);
        }
        out(`\nReport: ${cyan(relative(process.cwd(), file))}`);
      }));
    });
}
