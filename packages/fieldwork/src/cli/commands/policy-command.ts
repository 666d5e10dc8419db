import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Command } from 'commander';
import { approvePolicy, parsePolicy, POLICIES_DIR } from '../../policies/index.js';
import { readFileSync } from 'node:fs';
import { withWorkspace } from '../context.js';
import type { GlobalOptions } from '../context.js';
import { dim, green, out, printJson, yellow } from '../output.js';

export function registerPolicy(program: Command, globals: () => GlobalOptions): void {
  const policy = program.command('policy').description('list policies and record approvals as evidence');
  policy
    .command('approve <id>')
    .description('approve the current text of policies/<id>.md; the approval is stored in the evidence ledger')
    .requiredOption('--by <name>', 'who approves (a person with authority in fieldwork.yaml)')
    .action(async (id: string, flags: { by: string }) => {
      const g = globals();
      await withWorkspace(g, async ({ ws, store }) => {
        const r = await approvePolicy(ws, store, id, flags.by);
        if (g.json) return printJson(r);
        out(`${green('approved')} ${r.policy} v${r.version} by ${r.approver}; next review ${r.nextReview}`);
        out(dim(`evidence ${relative(process.cwd(), r.evidenceFile)} · artifact ${r.artifact.slice(0, 12)}… · ledger entry #${r.seq}`));
      });
    });
  policy
    .command('list')
    .description('the policies in the workspace with their approval state')
    .action(async () => {
      const g = globals();
      await withWorkspace(g, async ({ ws }) => {
        const dir = join(ws.dir, POLICIES_DIR);
        const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.md')).sort() : [];
        const rows = files.map((f) => parsePolicy(readFileSync(join(dir, f), 'utf8'), `${POLICIES_DIR}/${f}`).front);
        if (g.json) return printJson(rows);
        for (const p of rows) out(`${p.id.padEnd(22)} v${p.version.padEnd(5)} ${p.approved_by ? green(`approved ${p.approved_at} by ${p.approved_by}`) : yellow('not approved')} ${dim(`owner ${p.owner}`)}`);
      });
    });
}
