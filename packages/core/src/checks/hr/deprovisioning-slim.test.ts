import { describe, expect, it } from 'vitest';
import type { AccessEventRecord, AccountRecord, PersonRecord, RecordSet, SignInRecord } from '../../records/index.js';
import type { CheckContext } from '../check.js';
import { deprovisioningCheck } from './deprovisioning-check.js';
import { legacyDeprovisioningCheck } from './deprovisioning-legacy-test-support.js';
import { seededRandom } from '../seeded-random-test-support.js';

const rng = seededRandom;

const ACTIONS: AccessEventRecord['action'][] = ['login', 'login', 'login', 'deactivate', 'suspend', 'delete', 'activate', 'unsuspend', 'create', 'grant', 'mfa_enroll'];

/** A messy org: leavers (some rehired, some renamed), events by email or account only, with and without actor, failed ones, other systems, sign-in records, rosters. */
function org(seed: number): RecordSet {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  let line = 0;
  const day = (lo: number, span: number) => {
    const d = new Date(Date.UTC(2026, 2, 1) + Math.floor((lo + r() * span) * 86_400_000));
    return d.toISOString();
  };
  const people: PersonRecord[] = [];
  const events: AccessEventRecord[] = [];
  const signIns: SignInRecord[] = [];
  const accounts: AccountRecord[] = [];
  const n = 2 + Math.floor(r() * 8);
  for (let i = 0; i < n; i++) {
    const email = `p${i}@x.ai`;
    const end = day(20, 200).slice(0, 10);
    people.push({ kind: 'person', source: 'hr', artifact: 'h'.repeat(64), locator: `line ${++line}`, id: `E${i}`, email, name: r() < 0.5 ? `P ${i}` : undefined, workerType: pick(['employee', 'contractor']), startDate: '2025-01-01', ...(r() < 0.8 ? { endDate: end } : {}) } as PersonRecord);
    if (r() < 0.3) people.push({ kind: 'person', source: 'hr', artifact: 'h'.repeat(64), locator: `line ${++line}`, id: `E${i}`, email: r() < 0.5 ? email : `p${i}.new@x.ai`, workerType: 'employee', startDate: day(120, 80).slice(0, 10), ...(r() < 0.5 ? { endDate: day(200, 40).slice(0, 10) } : {}) } as PersonRecord);
    const m = Math.floor(r() * 25);
    for (let k = 0; k < m; k++) {
      const action = pick(ACTIONS);
      const byAccountOnly = r() < 0.2;
      events.push({
        kind: 'access_event', source: pick(['okta', 'entra']), artifact: pick(['a', 'b']).repeat(64), locator: `line ${++line}`, system: pick(['okta', 'Okta', 'entra']),
        eventId: `ev-${seed}-${line}`, eventType: r() < 0.5 ? `user.lifecycle.${action}` : `${action}.${Math.floor(r() * 3)}`, action, at: day(0, 240),
        account: byAccountOnly ? ` P${i}@X.ai ` : email, ...(byAccountOnly ? {} : { email: r() < 0.2 ? email.toUpperCase() : email }),
        ...(r() < 0.6 ? { actor: pick(['admin@x.ai', email, 'workflow']) } : {}), ...(r() < 0.7 ? { accountId: `00u${i}` } : {}),
        ...(r() < 0.1 ? { outcome: pick(['FAILURE', 'denied', 'SUCCESS']) } : {}),
      } as AccessEventRecord);
    }
    const s = Math.floor(r() * 6);
    for (let k = 0; k < s; k++) {
      signIns.push({
        kind: 'sign_in', source: 'entra', artifact: 'c'.repeat(64), locator: `line ${++line}`, system: pick(['entra', 'okta']), eventId: `si-${seed}-${line}`, at: day(0, 240),
        account: email, ...(r() < 0.8 ? { email } : {}), accountType: r() < 0.9 ? 'user' : 'service', ...(r() < 0.5 ? { app: pick(['github', 'aws']) } : {}),
        outcome: r() < 0.85 ? 'success' : 'failure', interactive: true, mfa: 'satisfied',
      } as SignInRecord);
    }
    if (r() < 0.3) {
      for (const snap of ['2026-05-01T00:00:00.000Z', '2026-08-01T00:00:00.000Z']) {
        accounts.push({ kind: 'account', source: 'okta-users', artifact: 'd'.repeat(64), locator: `line ${++line}`, system: 'okta', accountId: `00u${i}`, login: email, email, status: pick(['ACTIVE', 'DEPROVISIONED']), snapshotAt: snap } as AccountRecord);
      }
    }
  }
  events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  signIns.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return { person: people, access_event: events, sign_in: signIns, account: accounts };
}

describe('hr.deprovisioning, keeping only what it reads of each event', () => {
  it('gives the outcome of the check that kept whole events, on 300 generated orgs', () => {
    let exceptions = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const records = org(seed);
      const ctx: CheckContext = {
        period: { from: '2026-04-01', to: '2026-09-30' }, timezone: seed % 2 ? 'America/Los_Angeles' : 'UTC', params: { maxDelayDays: 1 + (seed % 3) },
        records, asOf: seed % 5 ? '2026-09-30' : '2026-08-15', workspace: {},
      };
      const now = deprovisioningCheck.run(ctx);
      expect(JSON.stringify(now), `seed ${seed}`).toBe(JSON.stringify(legacyDeprovisioningCheck.run(ctx)));
      exceptions += now.exceptions.length;
    }
    // Not vacuous: late, missing and active-after-end findings, with their citations and details.
    expect(exceptions).toBeGreaterThan(100);
  });
});
