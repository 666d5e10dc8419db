import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Command } from 'commander';
import { FieldworkError } from '@fieldwork/core';
import { approvePolicy, issueAckLinks, parsePolicy, POLICIES_DIR } from '../../policies/index.js';
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
    .command('ack-links')
    .description('one-time links for people to acknowledge each approved policy version they have not acknowledged yet (open on `fieldwork serve`)')
    .option('--policy <ids...>', 'only these policy ids (default: every approved policy)')
    .option('--person <emails...>', 'only these people (default: everyone active in the collected HR roster)')
    .option('--days <n>', 'days the links stay usable', '14')
    .option('--base-url <url>', 'where `fieldwork serve` is reachable', 'http://127.0.0.1:4000')
    .action(async (flags: { policy?: string[]; person?: string[]; days: string; baseUrl: string }) => {
      const g = globals();
      const days = Number(flags.days);
      if (!Number.isInteger(days) || days < 1 || days > 90) throw new FieldworkError('USAGE', `--days ${flags.days} is not a whole number of days from 1 to 90.`, { hint: 'Links should expire; two weeks is the default.' });
      await withWorkspace(g, async ({ ws, store }) => {
        const links = await issueAckLinks(store, { now: new Date(), timezone: ws.config.timezone, days, ...(flags.policy ? { policies: flags.policy } : {}), ...(flags.person ? { people: flags.person } : {}) });
        const base = flags.baseUrl.replace(/\/+$/, '');
        const rows = links.map((l) => ({ email: l.email, policy: l.policy, version: l.version, bodySha256: l.bodySha256 ?? null, url: `${base}/ack/${l.token}`, expiresAt: l.expiresAt }));
        if (g.json) return printJson(rows);
        if (rows.length === 0) return out('Everyone active has acknowledged the current version of each approved policy.');
        for (const r of rows) out(`${r.email}\t${r.policy} v${r.version}\t${r.url}`);
        out(dim(`${rows.length} link(s), usable once each until ${rows[0].expiresAt}; only their SHA-256 is stored, so send them now.`));
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
