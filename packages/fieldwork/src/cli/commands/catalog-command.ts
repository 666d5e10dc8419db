import { builtInControls, criteria, owaspLlm2025 } from '@fieldwork/core';
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadWorkspace, resolveControls } from '../../workspace/index.js';
import { workspaceDir } from '../context.js';
import type { GlobalOptions } from '../context.js';
import { bold, dim, out, printJson } from '../output.js';

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
  catalog
    .command('owasp')
    .description('OWASP Top 10 for LLM Applications (2025) ids')
    .action(() => {
      if (globals().json) return printJson(owaspLlm2025);
      for (const r of owaspLlm2025) out(`${bold(r.id)} ${r.name}`);
    });
}
