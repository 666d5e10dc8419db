import { relative, resolve } from 'node:path';
import { exitCodeFor, FieldworkError, MANUAL_EVIDENCE_CHECK } from '@fieldwork/core';
import type { Command } from 'commander';
import { collectWorkspace } from '../../pipeline/collect-workspace.js';
import { DEMO_STACKS, generateDemo, submitDemoEvidence } from '../../demo/index.js';
import type { DemoProblems, DemoStack } from '../../demo/index.js';
import { checkRunJson, checkWorkspace, summarize } from '../../pipeline/check-workspace.js';
import { auditTypeTwo } from '../../pipeline/audit-workspace.js';
import { mockAuditMarkdown, writeAtomic, writeReports } from '../../report/index.js';
import { join } from 'node:path';
import { FieldworkStore } from '../../store/index.js';
import { loadWorkspace } from '../../workspace/index.js';
import type { GlobalOptions } from '../context.js';
import { bold, cyan, dim, green, out, printJson, red, yellow } from '../output.js';

export function registerDemo(program: Command, globals: () => GlobalOptions, setExit: (code: number) => void): void {
  program
    .command('demo')
    .description('write a demo workspace for a fictional AI agent platform and run the whole pipeline on it')
    .option('--dir <dir>', 'where to write the demo workspace', 'fieldwork-demo')
    .option('--seed <n>', 'random seed (same seed, same workspace)', '1')
    .option('--problems <set>', 'planted problems: "story" (a handful, most controls pass) or "all" (every automated rule fires)', 'story')
    .option('--stack <stack>', `identity provider and tracker whose export formats the demo writes: ${DEMO_STACKS.join(' or ')}`, 'okta-jira')
    .action(async (flags: { dir: string; seed: string; problems: string; stack: string }) => {
      const g = globals();
      if (flags.problems !== 'story' && flags.problems !== 'all') throw new FieldworkError('USAGE', `--problems ${flags.problems}: use story or all.`, { hint: '`story` plants a handful of problems; `all` plants one of every kind the checks look for.' });
      const problems: DemoProblems = flags.problems;
      if (!(DEMO_STACKS as readonly string[]).includes(flags.stack)) throw new FieldworkError('USAGE', `--stack ${flags.stack}: use ${DEMO_STACKS.join(' or ')}.`, { hint: '`okta-jira` writes Okta System Log and Jira exports; `entra-linear` writes the same company as Entra ID audit and sign-in logs and Linear issues.' });
      const stack = flags.stack as DemoStack;
      const dir = resolve(flags.dir);
      const seed = Number.parseInt(flags.seed, 10);
      const demo = generateDemo(dir, Number.isFinite(seed) ? seed : 1, problems, stack);
      const ws = loadWorkspace(dir);
      const store = await FieldworkStore.open(FieldworkStore.locationFor(dir, {}));
      try {
        const collected = await collectWorkspace(ws, store);
        const failed = collected.filter((c) => c.status === 'failed');
        if (failed.length) setExit(Math.max(...failed.map((f) => exitCodeFor(f.error!.code))));
        // The owners' manual evidence, submitted and decided as people would have done during the window.
        const manual = await submitDemoEvidence(ws, store, demo.evidence);
        const run = await checkWorkspace(ws, store);
        const reports = await writeReports(ws, store);
        const audit = await auditTypeTwo(ws, store, {});
        const auditFile = join(dir, 'reports', `mock-audit-${audit.period.from}-${audit.period.to}.md`);
        writeAtomic(auditFile, mockAuditMarkdown(audit, ws.config.organization));
        const s = summarize(run.results);
        if (g.json) return printJson({ dir, seed: demo.seed, problems, stack, collected: collected.map((c) => ({ name: c.name, kind: c.kind, status: c.status, records: c.records })), manualEvidence: manual, check: checkRunJson(run, run.controls), reports: [...reports.files, auditFile], mockAudit: audit.overall, planted: demo.planted });
        const rel = relative(process.cwd(), dir) || '.';
        out(bold(`Fieldwork demo — ${ws.config.organization}, an AI agent platform (synthetic data, seed ${demo.seed}, ${stack})`));
        out(dim(`workspace ${rel} · SQLite store ${rel}/.fieldwork/fieldwork.db · period ${run.period.from} to ${run.period.to}`));
        out('');
        out(`Collected ${collected.length} sources: ${collected.map((c) => `${c.name} ${c.status === 'failed' ? red('failed') : `${c.records} records`}`).join(', ')}`);
        for (const f of failed) out(red(`  ${f.name}: ${f.error?.message}`));
        const manualResults = run.results.filter((r) => r.check === MANUAL_EVIDENCE_CHECK);
        const auto = summarize(run.results.filter((r) => r.check !== MANUAL_EVIDENCE_CHECK && r.status !== 'not_tested'));
        const m = summarize(manualResults);
        out(`Controls in scope: ${bold(String(s.controls))} — ${green(`${s.pass} pass`)}, ${red(`${s.exception} with exceptions`)}, ${yellow(`${s.insufficient_evidence} need evidence`)}, ${dim(`${s.not_tested} not tested`)}`);
        out(problems === 'story'
          ? `Of the ${auto.controls} automated controls, ${green(`${auto.pass} pass`)} on the company's own evidence; ${red(`${auto.exception} carry the problems planted for this story`)}, as a company weeks before its audit would find them.`
          : `Every kind of problem the checks look for is planted (--problems all): ${red(`${auto.exception} of the ${auto.controls} automated controls`)} carry exceptions.`);
        out(`Of the ${m.controls} manual controls, tested from ${manual.submissions} evidence submissions and ${manual.decisions} approvers' decisions: ${green(`${m.pass} pass`)}, ${red(`${m.exception} with exceptions`)}${m.insufficient_evidence ? `, ${yellow(`${m.insufficient_evidence} with nothing due yet`)}` : ''} ${dim('(fieldwork evidence list)')}.`);
        out('');
        const withEx = run.results.filter((x) => x.exceptions.length > 0);
        out(bold(`Exceptions: ${s.exceptions} in ${withEx.length} controls`) + dim(' (each cites the artifact and the place in it; `fieldwork check` lists them all)'));
        const width = Math.min(48, Math.max(...withEx.map((r) => `${r.control} ${r.title}`.length)));
        const why = new Map(demo.planted.map((p) => [`${p.rule} ${p.subject}`, p.why]));
        for (const r of withEx) {
          const label = `${r.control} ${r.title}`;
          const head = `  ${(label.length > width ? `${label.slice(0, width - 1)}…` : label).padEnd(width)} ${red(String(r.exceptions.length).padStart(2))}`;
          if (problems === 'story') {
            // Few enough to tell the story: each exception with what was planted and why it matters.
            out(head);
            for (const e of r.exceptions) out(`      ${e.subject}${dim(` — ${why.get(`${e.rule} ${e.subject}`) ?? e.rule}`)}`);
          } else {
            const subjects = [...new Set(r.exceptions.map((e) => e.subject))];
            out(`${head}  ${subjects.slice(0, 3).join(', ')}${subjects.length > 3 ? dim(` +${subjects.length - 3}`) : ''}`);
          }
        }
        out('');
        out(`Evidence map: ${cyan(relative(process.cwd(), reports.files[0]))} (and ${reports.files.slice(1).map((f) => relative(process.cwd(), f)).join(', ')})`);
        const by = audit.overall.byConclusion;
        out(`Mock audit (Type II, seeded samples): ${bold(audit.overall.conclusion.replace('_', ' '))} — ${by.not_effective} not effective, ${by.effective_with_exceptions} with isolated exceptions, ${by.effective} effective, ${by.did_not_occur} did not occur → ${cyan(relative(process.cwd(), auditFile))}`);
        out(dim(`Open them in any Markdown viewer, or run: fieldwork check --workspace ${rel} --json | less`));
        out(dim(`Verify the evidence chain: fieldwork verify --workspace ${rel}`));
        if (problems === 'story') out(dim(`See every rule fire on its own planted problem: fieldwork demo --problems all --dir ${rel}-all`));
      } finally {
        await store.close();
      }
    });
}
