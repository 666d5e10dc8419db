import type { Command } from 'commander';
import { withWorkspace } from '../context.js';
import type { GlobalOptions } from '../context.js';
import { dim, green, out, printJson, red, yellow } from '../output.js';

export function registerVerify(program: Command, globals: () => GlobalOptions, setExit: (code: number) => void): void {
  program
    .command('verify')
    .description('recompute every blob hash and the ledger chain; exit 4 naming the first broken entry')
    .action(async () => {
      const g = globals();
      await withWorkspace(g, async ({ store }) => {
        const r = await store.verify();
        if (!r.ok) setExit(4);
        if (g.json) return printJson(r);
        if (r.ok) {
          out(`${green('ok')} ${r.entries} ledger entries, ${r.blobsChecked} artifacts verified${r.hashOnly ? ` (${r.hashOnly} more kept by hash only: prompt and trace content is not stored)` : ''}; head ${r.headHash ?? '(empty)'}`);
        } else {
          const first = r.problems[0];
          out(`${red('BROKEN')} first broken entry: #${first.seq} — ${first.detail}`);
          for (const p of r.problems.slice(1, 10)) out(dim(`  also #${p.seq}: ${p.kind}: ${p.detail}`));
        }
        if (r.orphans.length) out(yellow(`${r.orphans.length} blob(s) not named by any ledger entry (left by a failed collection; harmless).`));
      });
    });
}
