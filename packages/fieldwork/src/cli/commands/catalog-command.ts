import { builtInControls, builtInFrameworks, criteria, frameworkCoverage, owaspLlm2025 } from '@fieldwork/core';
import type { Control, Framework } from '@fieldwork/core';
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadWorkspace, resolveControls, resolveFrameworks } from '../../workspace/index.js';
import { frameworkById } from '../../report/index.js';
import { sourceCoverage, sourceCoverageMarkdown, sourceGaps, sourceKindRows } from '../../coverage/index.js';
import { workspaceDir } from '../context.js';
import type { GlobalOptions } from '../context.js';
import { bold, dim, out, printJson, red } from '../output.js';

export function registerCatalog(program: Command, globals: () => GlobalOptions): void {
  const catalog = program.command('catalog').description('list the Trust Services Criteria and the control catalog');
  catalog
    .command('criteria')
    .description('the 61 Trust Services Criteria ids with our one-line paraphrase')
    .action(() => {
      if (globals().json) return printJson(criteria);
      for (const c of criteria) out(`${bold(c.id.padEnd(7))} ${c.paraphrase} ${dim(`(${c.category})`)}`);
    });
  catalog
    .command('controls')
    .description('the controls (in scope for the workspace when there is one, else the whole catalog)')
    .option('--all', 'the whole built-in catalog, ignoring the workspace scope')
    .action((flags: { all?: boolean }) => {
      const dir = workspaceDir(globals());
      const controls = !flags.all && existsSync(join(dir, 'fieldwork.yaml')) ? resolveControls(loadWorkspace(dir).config) : [...builtInControls];
      if (globals().json) return printJson(controls);
      for (const c of controls) out(`${bold(c.id.padEnd(7))} ${c.title} ${dim(`${c.criteria.join(',')} · ${c.frequency} · ${c.check ?? 'manual'}`)}`);
    });
  // The workspace's frameworks and controls when there is a workspace, else the built-in ones.
  const frameworksAndControls = (all?: boolean): { frameworks: Framework[]; controls: Control[] } => {
    const dir = workspaceDir(globals());
    if (all || !existsSync(join(dir, 'fieldwork.yaml'))) return { frameworks: builtInFrameworks(), controls: [...builtInControls] };
    const ws = loadWorkspace(dir);
    const controls = resolveControls(ws.config);
    return { frameworks: resolveFrameworks(ws, controls), controls };
  };
  catalog
    .command('frameworks')
    .description('the frameworks our controls are mapped to (ISO/IEC 42001, NIST AI RMF, EU AI Act, OWASP LLM and any the workspace adds), with mapping coverage')
    .option('--all', 'the built-in frameworks and catalog, ignoring the workspace')
    .action((flags: { all?: boolean }) => {
      const { frameworks, controls } = frameworksAndControls(flags.all);
      const rows = frameworks.map((f) => {
        const s = frameworkCoverage(f, controls).summary;
        return { id: f.id, name: f.name, version: f.version, requirements: s.requirements, mapped: s.mapped, mappings: f.mappings.length, unmapped: s.unmapped };
      });
      if (globals().json) return printJson(rows);
      for (const r of rows) out(`${bold(r.id.padEnd(12))} ${r.name} ${dim(`(${r.version})`)}\n${' '.repeat(13)}${r.mapped}/${r.requirements} requirements mapped by ${r.mappings} mapping(s); ${r.unmapped.length} with no control`);
      out(dim('\nShow one: fieldwork catalog framework ID · test against one: fieldwork check --framework ID'));
    });
  catalog
    .command('framework <id>')
    .description('one framework\'s requirements (ids are the framework\'s, words are ours) and the controls mapped to each')
    .option('--all', 'the built-in frameworks and catalog, ignoring the workspace')
    .action((id: string, flags: { all?: boolean }) => {
      const { frameworks, controls } = frameworksAndControls(flags.all);
      const fw = frameworkById(frameworks, id);
      const cov = frameworkCoverage(fw, controls);
      if (globals().json) return printJson({ ...fw, coverage: cov.summary, requirements: cov.requirements.map((r) => ({ id: r.id, group: r.group, title: r.title, summary: r.summary, tags: r.tags, controls: r.controls.map((c) => ({ control: c.control, relationship: c.relationship, ...(c.rationale ? { rationale: c.rationale } : {}) })), outOfScope: r.outOfScope })) });
      out(bold(`${fw.name} (${fw.version})`));
      if (fw.note) out(dim(fw.note));
      for (const r of cov.requirements) {
        out(`${bold(r.id.padEnd(14))} ${r.title} ${r.controls.length ? dim(r.controls.map((c) => `${c.control} ${c.relationship}`).join(', ')) : dim('no control')}`);
      }
      out(`\n${cov.summary.mapped}/${cov.summary.requirements} requirements mapped; no control: ${cov.summary.unmapped.join(', ') || 'none'}`);
    });
  catalog
    .command('sources')
    .description('which source kinds serve which controls; with a workspace, the controls in scope its sources cannot serve and which kinds would')
    .option('--all', 'the whole built-in catalog, ignoring the workspace')
    .option('--markdown', 'print the table as Markdown (docs/source-coverage.md)')
    .action((flags: { all?: boolean; markdown?: boolean }) => {
      const dir = workspaceDir(globals());
      const ws = !flags.all && existsSync(join(dir, 'fieldwork.yaml')) ? loadWorkspace(dir) : undefined;
      const controls = ws ? resolveControls(ws.config) : [...builtInControls];
      if (flags.markdown) return out(sourceCoverageMarkdown(controls));
      const configured = ws ? [...new Set(ws.config.sources.map((s) => s.kind))].sort() : undefined;
      const gaps = configured ? sourceGaps(controls, configured) : undefined;
      if (globals().json) return printJson({ controls: sourceCoverage(controls), sources: sourceKindRows(controls), ...(configured ? { workspace: { configured, gaps } } : {}) });
      for (const c of sourceCoverage(controls)) {
        out(`${bold(c.control.padEnd(7))} ${c.title} ${dim(c.check ? `needs ${[c.requires.join(' + '), c.requiresAny.length ? `one of ${c.requiresAny.join('/')}` : ''].filter(Boolean).join(', ') || 'workspace facts'}` : 'manual')}`);
        if (c.sources.length) out(`${' '.repeat(8)}${dim(c.sources.join(', '))}`);
      }
      if (!gaps) return;
      const unserved = gaps.filter((g) => g.status === 'not_served');
      out('');
      out(bold(`This workspace's sources (${configured!.join(', ') || 'none'}) serve ${gaps.filter((g) => g.status === 'served').length} of the ${gaps.filter((g) => g.status !== 'manual').length} automated controls in scope.`));
      for (const g of unserved) out(`  ${red(g.control.padEnd(7))} ${g.title}${g.missing.length ? dim(` — no ${g.missing.join('/')}`) : ''}; add one of: ${g.wouldServe.join(', ')}`);
    });
  catalog
    .command('owasp')
    .description('OWASP Top 10 for LLM Applications (2025) ids')
    .action(() => {
      if (globals().json) return printJson(owaspLlm2025);
      for (const r of owaspLlm2025) out(`${bold(r.id)} ${r.name}`);
    });
}
