import { isValidTimeZone, localDate, FieldworkError } from '@fieldwork/core';
import type { Command } from 'commander';
import { defaultReport, initWorkspace, isPlaceholderPerson, PLACEHOLDER_OWNER, recommendScope, windowWarnings } from '../../workspace/index.js';
import type { ScopeAnswers } from '../../workspace/index.js';
import { workspaceDir } from '../context.js';
import type { GlobalOptions } from '../context.js';
import { dateFlag } from '../date-flag.js';
import { bold, dim, green, note, out, printJson, yellow } from '../output.js';
import { openPrompt } from '../prompt.js';

interface InitFlags {
  yes?: boolean;
  force?: boolean;
  org?: string;
  timezone?: string;
  ownerName?: string;
  ownerEmail?: string;
  b2b?: boolean;
  sla?: boolean;
  consumerData?: boolean;
  highStakes?: boolean;
  type?: string;
  asOf?: string;
  from?: string;
  to?: string;
  start?: string;
}

async function ask(flags: InitFlags): Promise<Required<Pick<InitFlags, 'org' | 'timezone' | 'ownerName' | 'ownerEmail'>> & ScopeAnswers> {
  const rl = openPrompt();
  const q = async (label: string, def: string) => (await rl.question(`${label} ${dim(`[${def}]`)} `)).trim() || def;
  const yn = async (label: string, def: boolean) => /^y/i.test(await q(`${label} (y/n)`, def ? 'y' : 'n'));
  try {
    out(bold('Fieldwork — new workspace. First, the compliance owner: one named person answers for the program.'));
    const ownerName = flags.ownerName ?? (await q('Compliance owner name:', PLACEHOLDER_OWNER.name));
    const ownerEmail = flags.ownerEmail ?? (await q('Compliance owner email:', PLACEHOLDER_OWNER.email));
    const org = flags.org ?? (await q('Organization:', 'Example AI'));
    const timezone = flags.timezone ?? (await q('Timezone (IANA):', Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'));
    out(dim('Now four questions decide the Trust Services categories in scope.'));
    const b2b = flags.b2b ?? (await yn('Do you sell to businesses (B2B)?', true));
    const measurableSla = flags.sla ?? (await yn('Do contracts promise a measurable uptime/response SLA?', false));
    const consumerPersonalData = flags.consumerData ?? (await yn('Do you process consumer personal data?', false));
    const highStakes = flags.highStakes ?? (await yn('Do agent outputs drive financial calculations or clinical decisions?', false));
    return { org, timezone, ownerName, ownerEmail, b2b, measurableSla, consumerPersonalData, highStakes };
  } finally {
    rl.close();
  }
}

export function registerInit(program: Command, globals: () => GlobalOptions): void {
  program
    .command('init')
    .description('create fieldwork.yaml here (asks about scope on a TTY; --yes takes defaults)')
    .option('-y, --yes', 'do not ask; use flags and defaults')
    .option('--force', 'overwrite an existing fieldwork.yaml')
    .option('--org <name>', 'organization name')
    .option('--timezone <iana>', 'workspace timezone, e.g. America/New_York')
    .option('--owner-name <name>', 'compliance owner name')
    .option('--owner-email <email>', 'compliance owner email')
    .option('--b2b', 'you sell to businesses (adds Confidentiality)')
    .option('--no-b2b', 'you do not sell to businesses')
    .option('--sla', 'you promise a measurable SLA (adds Availability)')
    .option('--consumer-data', 'you process consumer personal data (adds Privacy)')
    .option('--high-stakes', 'agent outputs drive financial or clinical decisions (adds Processing Integrity)')
    .option('--type <1|2>', 'report type', '2')
    .option('--as-of <date>', 'Type I as-of date', dateFlag('--as-of'))
    .option('--from <date>', 'Type II window start', dateFlag('--from'))
    .option('--to <date>', 'Type II window end', dateFlag('--to'))
    .option('--start <date>', 'day 1 of the readiness plan (default: today)', dateFlag('--start'))
    .action(async (flags: InitFlags) => {
      const g = globals();
      const interactive = !flags.yes && !!process.stdin.isTTY && !g.json;
      const a = interactive
        ? await ask(flags)
        : {
            org: flags.org ?? 'Example AI', timezone: flags.timezone ?? 'UTC', ownerName: flags.ownerName ?? PLACEHOLDER_OWNER.name,
            ownerEmail: flags.ownerEmail ?? PLACEHOLDER_OWNER.email, b2b: flags.b2b ?? true, measurableSla: !!flags.sla,
            consumerPersonalData: !!flags.consumerData, highStakes: !!flags.highStakes,
          };
      if (!isValidTimeZone(a.timezone)) throw new FieldworkError('USAGE', `--timezone ${a.timezone} is not an IANA timezone.`, { hint: 'e.g. Europe/Berlin, America/New_York, UTC' });
      const today = localDate(new Date(), a.timezone);
      const start = flags.start ?? today;
      const rec = recommendScope(a);
      if (flags.type !== '1' && flags.type !== '2') throw new FieldworkError('USAGE', `--type ${flags.type}: use 1 or 2.`);
      if (flags.type === '2' && (flags.from === undefined) !== (flags.to === undefined)) {
        throw new FieldworkError('USAGE', `${flags.from ? '--from' : '--to'} needs ${flags.from ? '--to' : '--from'}: a Type II window has both ends.`, { hint: 'e.g. --from 2026-01-01 --to 2026-06-30' });
      }
      if (flags.from && flags.to && flags.from > flags.to) throw new FieldworkError('USAGE', `--from ${flags.from} is after --to ${flags.to}.`, { hint: 'Swap them.' });
      let report;
      let window: string;
      if (flags.type === '1') {
        report = { type: 1 as const, asOf: flags.asOf ?? today };
        window = flags.asOf ? `Type I as of ${flags.asOf} (from --as-of)` : `Type I as of today (${today})`;
      } else if (flags.from && flags.to) {
        report = { type: 2 as const, from: flags.from, to: flags.to };
        window = `Type II window ${flags.from} to ${flags.to} (from --from/--to)`;
      } else {
        const d = defaultReport(today);
        report = d.report;
        window = `Type II window ${d.describe}`;
      }
      const owner = { name: a.ownerName, email: a.ownerEmail };
      const placeholder = isPlaceholderPerson(owner);
      const dir = workspaceDir(g);
      initWorkspace({ dir, organization: a.org, timezone: a.timezone, owner, categories: rec.categories, report, startDate: start, b2b: a.b2b, force: flags.force });
      const warnings = [
        ...(placeholder ? [`The compliance owner is a placeholder (${owner.name} <${owner.email}>): nobody is named yet, so plan keeps "Name the compliance owner" open and nobody can approve policies. Set owners.compliance in fieldwork.yaml, or run init again with --owner-name and --owner-email.`] : []),
        ...windowWarnings(report.type === 2 ? { from: report.from, to: report.to } : { from: report.asOf, to: report.asOf }, today, null),
      ];
      for (const w of warnings) note(`${yellow('warning')} ${w}`);
      if (g.json) return printJson({ workspace: dir, scope: rec, report, window, ownerIsPlaceholder: placeholder, warnings });
      out(`${green('created')} ${dir}/fieldwork.yaml`);
      for (const r of rec.reasons) out(`  ${r.included ? green('in ') : dim('out')} ${r.category.padEnd(21)} ${dim(r.why)}`);
      out(`\nReport window: ${window}. ${dim(`Change it with scope.report in fieldwork.yaml, or per command with --from/--to.`)}`);
      out(`Next: point ${bold('sources')} in fieldwork.yaml at your exports, then ${bold('fieldwork collect')}.`);
    });
}
