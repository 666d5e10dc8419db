import { exitCodeFor } from '@fieldwork/core';
import type { FieldworkErrorCode } from '@fieldwork/core';
import type { Command } from 'commander';
import { asOfClock, recentDigests, runDigest } from '../../notify/index.js';
import type { DigestRunResult } from '../../notify/index.js';
import type { FieldworkStore } from '../../store/index.js';
import { withWorkspace } from '../context.js';
import type { GlobalOptions } from '../context.js';
import { dateOrInstantFlag } from '../date-flag.js';
import { bold, dim, green, out, printJson, red, yellow } from '../output.js';

interface NotifyFlags {
  asOf?: string;
  dryRun?: boolean;
  scheduled?: boolean;
}

const skipWords = { nothing_new: 'nothing new', before_digest_time: 'before their digest time', sent_today: 'already sent today' } as const;

async function print(result: DigestRunResult, store: FieldworkStore, json: boolean, sending: boolean): Promise<void> {
  const failures = (await recentDigests(store, 50)).filter((d) => d.status === 'failed').slice(0, 5);
  if (json) return printJson({ ...result, recentFailures: failures });
  for (const n of result.notes) out(yellow(n));
  if (result.digests.length === 0) out(`Nothing to send (${result.notices.length} notice(s) derived; every one already sent or not for anyone on a channel).`);
  for (const d of result.digests) {
    const mark = d.status === 'sent' ? green('sent    ') : d.status === 'failed' ? red('failed  ') : dim('would send');
    out(`${mark} ${bold(d.channel)} → ${d.name} <${d.email}>: ${d.subject}${d.attempts && d.attempts > 1 ? dim(` (${d.attempts} attempts)`) : ''}`);
    if (d.error) out(`  ${red('error')} ${d.error.message}${d.error.hint ? `\n    hint: ${d.error.hint}` : ''}`);
    if (!sending) out(d.text.replace(/^/gm, '    ').trimEnd());
  }
  const skipped = result.skipped.filter((s) => s.reason !== 'nothing_new');
  for (const s of skipped) out(dim(`skipped ${s.channel} → ${s.email}: ${skipWords[s.reason]}`));
  if (!sending && failures.length) {
    out();
    out('Recent failed digests:');
    for (const f of failures) out(`  ${red(f.createdAt)} ${f.channel} → ${f.person}: ${f.error}`);
  }
}

export function registerNotify(program: Command, globals: () => GlobalOptions, setExit: (code: number) => void): void {
  const notify = program
    .command('notify')
    .description('show what the daily digest would tell each owner now (email and webhook); `notify send` sends it')
    .option('--dry-run', 'print what would be sent, send nothing (the default without `send`)')
    .option('--as-of <date>', 'as if it were the end of this day (workspace timezone) or this instant', dateOrInstantFlag('--as-of'))
    .action(async (flags: NotifyFlags) => {
      const g = globals();
      await withWorkspace(g, async ({ ws, store }) => {
        const clock = flags.asOf ? asOfClock(flags.asOf, ws.config.timezone) : { now: () => new Date() };
        const result = await runDigest(ws, store, clock, { mode: 'now', dryRun: true });
        await print(result, store, !!g.json, false);
      });
    });
  notify
    .command('send')
    .description('send each person\'s digest now: whatever they have not been sent yet, one message per channel')
    .option('--as-of <date>', 'as if it were the end of this day (workspace timezone) or this instant', dateOrInstantFlag('--as-of'))
    .option('--scheduled', 'behave like the scheduled job: only people whose digest time has passed and who got none today')
    .option('--dry-run', 'print what would be sent, send nothing')
    .action(async (own: NotifyFlags) => {
      const g = globals();
      // `notify` has the same flags: commander gives them to it when both know them.
      const flags = { ...notify.opts<NotifyFlags>(), ...own };
      await withWorkspace(g, async ({ ws, store }) => {
        const clock = flags.asOf ? asOfClock(flags.asOf, ws.config.timezone) : { now: () => new Date() };
        const result = await runDigest(ws, store, clock, { mode: flags.scheduled ? 'scheduled' : 'now', dryRun: !!flags.dryRun });
        const failed = result.digests.filter((d) => d.status === 'failed');
        if (failed.length) setExit(Math.max(...failed.map((d) => exitCodeFor(d.error!.code as FieldworkErrorCode))));
        await print(result, store, !!g.json, !flags.dryRun);
        if (failed.length && !g.json) process.stderr.write(`\n${failed.length} digest(s) failed and were recorded; their notices stay unsent and go out with the next digest. The others were sent.\n`);
      });
    });
}
