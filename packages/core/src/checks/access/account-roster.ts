import { recordsOf, identitySectionSchema } from '../../records/index.js';
import type { AccountMfaRecord, AccountRecord, IdentitySection, RecordSet } from '../../records/index.js';
import type { WorkspaceFacts } from '../check.js';
import { norm } from './identity-keys.js';

/** One identity provider's roster as of a date: every account it listed at `snapshotAt`. */
export interface RosterAsOf {
  source: string;
  system: string;
  snapshotAt: string;
  /** True when no roster was taken on or before the date and the earliest later one stands in. */
  takenAfter: boolean;
  accounts: AccountRecord[];
  /** MFA registration by account id, from the latest registration list on or before the date (or the earliest after). */
  mfa: Map<string, AccountMfaRecord>;
}

/** Statuses in which an account cannot sign in. */
export const INACTIVE_STATUS = /deprovisioned|deactivated|suspended|deleted|disabled|inactive|staged|archived/i;

/** True when the roster row says the account can be used. */
export const isActiveAccount = (a: Pick<AccountRecord, 'status'>): boolean => !INACTIVE_STATUS.test(a.status ?? 'active');

/** The latest snapshot time on or before `cutoff`, else the earliest after it. */
function pick(times: string[], cutoff: string): { at: string; after: boolean } | undefined {
  const sorted = [...new Set(times)].sort();
  const before = sorted.filter((t) => t < cutoff).at(-1);
  if (before) return { at: before, after: false };
  return sorted.length ? { at: sorted[0], after: true } : undefined;
}

/**
 * The rosters (account records carrying `snapshotAt`) as of an instant: for each source and
 * system, the accounts of its latest roster taken before `cutoff`. When every roster was taken
 * later, the earliest stands in (`takenAfter`): a roster exported today still shows accounts that
 * existed through the period, and an account created after the cutoff (`createdAt`) is left out.
 *
 * @example
 * const rosters = rosterAsOf(ctx.records, endOfDay('2026-06-30', ctx.timezone));
 */
export function rosterAsOf(records: RecordSet, cutoff: string): RosterAsOf[] {
  const groups = new Map<string, AccountRecord[]>();
  for (const a of recordsOf(records, 'account')) {
    if (!a.snapshotAt) continue;
    const k = `${a.source}\u0000${norm(a.system)}`;
    groups.set(k, [...(groups.get(k) ?? []), a]);
  }
  const mfaGroups = new Map<string, AccountMfaRecord[]>();
  for (const m of recordsOf(records, 'account_mfa')) {
    const k = norm(m.system);
    mfaGroups.set(k, [...(mfaGroups.get(k) ?? []), m]);
  }
  const out: RosterAsOf[] = [];
  for (const rows of groups.values()) {
    const chosen = pick(rows.map((r) => r.snapshotAt as string), cutoff);
    if (!chosen) continue;
    const accounts = rows.filter((r) => r.snapshotAt === chosen.at && !(chosen.after && r.createdAt && r.createdAt >= cutoff));
    const system = norm(rows[0].system);
    const mfaRows = mfaGroups.get(system) ?? [];
    const mfaAt = pick(mfaRows.map((m) => m.snapshotAt), cutoff);
    const mfa = new Map<string, AccountMfaRecord>();
    for (const m of mfaRows) if (m.snapshotAt === mfaAt?.at) mfa.set(m.accountId, m);
    out.push({ source: rows[0].source, system, snapshotAt: chosen.at, takenAfter: chosen.after, accounts, mfa });
  }
  return out.sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
}

/** True when any dated roster was collected. */
export const hasRoster = (records: RecordSet): boolean => recordsOf(records, 'account').some((a) => !!a.snapshotAt);

/** The workspace's `identity:` section, with defaults when absent. */
export function identitySection(workspace: WorkspaceFacts): IdentitySection {
  const parsed = identitySectionSchema.safeParse(workspace.identity ?? {});
  return parsed.success ? parsed.data : identitySectionSchema.parse({});
}

/** The keys an account is known by (email, login, id), lower-cased. */
export const accountKeys = (a: { email?: string; login?: string; account?: string; accountId?: string }): string[] =>
  [norm(a.email), norm(a.login), norm(a.account)].filter(Boolean);

/** What kind of non-human or emergency account this is, when the workspace declares it (or the roster says service). */
export function declaredRole(a: { email?: string; login?: string; account?: string; accountType?: string }, section: IdentitySection): 'break-glass' | 'service' | undefined {
  const keys = accountKeys(a);
  const has = (list: string[]) => list.some((x) => keys.includes(norm(x)));
  if (has(section.breakGlassAccounts)) return 'break-glass';
  if (a.accountType === 'service' || has(section.serviceAccounts)) return 'service';
  return undefined;
}

/** True when the application's name marks it as outside production (staging, sandbox…). */
export function isNonProductionApp(app: string | undefined, section: IdentitySection): boolean {
  if (!app) return false;
  const words = new Set(norm(app).split(/[^a-z0-9]+/).filter(Boolean));
  return section.nonProductionApps.some((w) => words.has(norm(w)));
}
