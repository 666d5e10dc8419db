import { describe, expect, it } from 'vitest';
import type { AccessEventRecord, AccountMfaRecord, AccountRecord, RecordSet, SignInRecord } from '../../records/index.js';
import type { CheckContext } from '../check.js';
import { mfaSsoCheck } from './mfa-sso-check.js';
import { legacyMfaSsoCheck } from './mfa-sso-legacy-test-support.js';
import { seededRandom } from '../seeded-random-test-support.js';

const rng = seededRandom;

const ACTIONS: AccessEventRecord['action'][] = ['login', 'login', 'login', 'mfa_enroll', 'mfa_enroll', 'mfa_reset', 'deactivate'];
const RESETS = ['user.mfa.factor.deactivate', 'user.mfa.factor.reset_all', 'factor.reset-all', 'mfa.removed'];

/** A messy IdP: factor enrolments and removals (by email, by account id only, failed ones), logins, sign-in records, rosters and registrations. */
function idp(seed: number): RecordSet {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  let line = 0;
  const at = (lo: number, span: number) => new Date(Date.UTC(2026, 1, 1) + Math.floor((lo + r() * span) * 86_400_000)).toISOString();
  const events: AccessEventRecord[] = [];
  const signIns: SignInRecord[] = [];
  const accounts: AccountRecord[] = [];
  const regs: AccountMfaRecord[] = [];
  const n = 2 + Math.floor(r() * 7);
  for (let i = 0; i < n; i++) {
    const email = `p${i}@x.ai`;
    const m = Math.floor(r() * 20);
    for (let k = 0; k < m; k++) {
      const action = pick(ACTIONS);
      const renamed = r() < 0.15;
      events.push({
        kind: 'access_event', source: 'okta', artifact: pick(['a', 'b']).repeat(64), locator: r() < 0.8 ? `line ${++line}` : `/e/${++line}`, system: pick(['okta', 'Okta']),
        eventId: `ev-${seed}-${line}`, eventType: action === 'mfa_reset' ? pick(RESETS) : action === 'mfa_enroll' ? 'user.mfa.factor.activate' : 'user.session.start', action, at: at(0, 240),
        account: renamed ? `old-p${i}@x.ai` : email, ...(renamed || r() < 0.1 ? {} : { email }), ...(r() < 0.7 ? { accountId: `00u${i}` } : {}),
        ...(r() < 0.5 ? { actor: email } : {}), ...(r() < 0.08 ? { outcome: pick(['FAILURE', 'SUCCESS']) } : {}),
      } as AccessEventRecord);
    }
    const s = Math.floor(r() * 5);
    for (let k = 0; k < s; k++) {
      signIns.push({
        kind: 'sign_in', source: 'entra-sign-ins', artifact: 'c'.repeat(64), locator: `/value/${++line}`, system: pick(['entra', 'okta']), eventId: `si-${seed}-${line}`, at: at(40, 200),
        account: email, ...(r() < 0.9 ? { email } : {}), accountType: r() < 0.9 ? 'user' : 'service', app: pick(['AWS Console', 'github', 'staging-app']),
        outcome: r() < 0.9 ? 'success' : 'failure', interactive: r() < 0.9, mfa: pick(['satisfied', 'single_factor', 'unknown'] as const), sso: true, ...(r() < 0.5 ? { method: 'password' } : {}),
      } as SignInRecord);
    }
    if (r() < 0.4) {
      const snapshotAt = at(200, 40);
      accounts.push({ kind: 'account', source: 'okta-users', artifact: 'd'.repeat(64), locator: `/${++line}`, system: 'okta', accountId: `00u${i}`, login: email, email, status: pick(['ACTIVE', 'SUSPENDED']), snapshotAt, ...(r() < 0.5 ? { mfaEnrolled: r() < 0.5 } : {}), ...(r() < 0.2 ? { ssoEnforced: false } : {}) } as AccountRecord);
      if (r() < 0.5) regs.push({ kind: 'account_mfa', source: 'okta-users', artifact: 'd'.repeat(64), locator: `/m/${++line}`, system: 'okta', accountId: `00u${i}`, login: email, snapshotAt, enrolled: r() < 0.5, factors: [] } as AccountMfaRecord);
    }
  }
  const byAt = <T extends { at: string }>(a: T, b: T) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0);
  return { access_event: events.sort(byAt), sign_in: signIns.sort(byAt), account: accounts, account_mfa: regs };
}

describe('access.mfa-sso, keeping only what the replay reads of each factor event', () => {
  it('gives the outcome of the check that kept whole events, on 300 generated IdPs', () => {
    let cited = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const ctx: CheckContext = {
        period: { from: '2026-04-01', to: '2026-09-30' }, timezone: seed % 2 ? 'America/Los_Angeles' : 'UTC', params: {}, records: idp(seed), asOf: '2026-09-30',
        workspace: seed % 3 ? {} : { identity: { breakGlassAccounts: ['p1@x.ai'], nonProductionApps: ['staging-app'] } },
      };
      const now = mfaSsoCheck.run(ctx);
      expect(JSON.stringify(now), `seed ${seed}`).toBe(JSON.stringify(legacyMfaSsoCheck.run(ctx)));
      cited += now.items.flatMap((i) => i.trace).filter((t) => t.label.startsWith('MFA factor')).length;
    }
    // Not vacuous: factor events are replayed into the traces (their type, time and citation).
    expect(cited).toBeGreaterThan(200);
  });
});
