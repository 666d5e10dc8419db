import { relative } from 'node:path';
import type { Command } from 'commander';
import { writeReports } from '../../report/index.js';
import { withWorkspace } from '../context.js';
import type { GlobalOptions } from '../context.js';
import { green, out, printJson } from '../output.js';

export function registerReport(program: Command, globals: () => GlobalOptions): void {
  program
    .command('report')
    .description('write the evidence map (Markdown, CSV) from the latest check run into reports/')
    .option('--out <dir>', 'output folder (default: <workspace>/reports)')
    .action(async (flags: { out?: string }) => {
      const g = globals();
      await withWorkspace(g, async ({ ws, store }) => {
        const { files, map } = await writeReports(ws, store, flags.out);
        if (g.json) return printJson({ files, controls: map.rows.length, checkRunAt: map.checkRunAt });
        for (const f of files) out(`${green('wrote')} ${relative(process.cwd(), f) || f}`);
      });
    });
}
