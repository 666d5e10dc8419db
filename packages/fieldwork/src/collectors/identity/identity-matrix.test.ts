import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtInChecks } from '@fieldwork/core/checks';
import type { Check, CheckContext } from '@fieldwork/core/checks';
import { TEST_DIALECTS, openTestStore } from '../../testing/index.js';
import type { SourceConfig } from '../../workspace/index.js';
import { collectSources } from '../collect-sources.js';

/**
 * One small organization (Acme) written in each identity provider's own export formats: the
 * same people, accounts, MFA registrations and sign-ins. Collected and checked, every provider
 * must give the same result per control (reconciliation, MFA, deprovisioning). The people (fixtures/acme/hr/people.csv):
 * alice (employee, MFA), bob (contractor, MFA), carol (rehired in March, MFA), dave (left
 * 15 May, account still active), erin (no second factor; signs in to AWS with a password),
 * frank (quiet: an account and no sign-in), gina (single-factor sign-in to a staging app),
 * ivan (left in April, account deprovisioned), harry (started 22 June, no account yet), and two
 * accounts without a person: breakglass (declared, signs in without MFA) and svc-deploy
 * (declared service account).
 */
const reconciliationCheck = builtInChecks['access.reconciliation'];
const mfaSsoCheck = builtInChecks['access.mfa-sso'];
const deprovisioningCheck = builtInChecks['hr.deprovisioning'];
const FIXTURES = fileURLToPath(new URL('./fixtures/acme/', import.meta.url));
const HR: SourceConfig = {
  name: 'hr', kind: 'hr-csv', path: 'hr/people.csv',
  options: { columns: { id: 'Employee ID', firstName: 'First Name', lastName: 'Last Name', email: 'Work Email', startDate: 'Start Date', endDate: 'Termination Date', workerType: 'Worker Type', department: 'Department', rehire: 'Rehire' } },
};
const PROVIDERS: Record<string, SourceConfig[]> = {
  okta: [
    { name: 'okta-users', kind: 'okta-users', glob: 'okta/okta-*-2026-06-30.json' },
    { name: 'okta-log', kind: 'okta-system-log', path: 'okta/okta-system-log-2026-q2.json' },
  ],
  entra: [
    { name: 'entra-users', kind: 'entra-users', glob: 'entra/entra-*-2026-06-30*.json' },
    { name: 'entra-sign-ins', kind: 'entra-sign-ins', path: 'entra/entra-sign-ins-2026-q2.json' },
  ],
  google: [
    { name: 'google-users', kind: 'google-directory-users', glob: 'google/google-directory-users-*.json' },
    { name: 'google-login', kind: 'google-workspace-admin', path: 'google/google-reports-login-saml-2026-q2.json' },
  ],
};
const WORKSPACE = { identity: { breakGlassAccounts: ['breakglass@acme.example'], serviceAccounts: ['svc-deploy@acme.example'] } };
const EXPECTED = {
  'access.reconciliation': { status: 'exception', findings: ['reconcile.leaver_active dave@acme.example', 'reconcile.no_account harry@acme.example'] },
  'access.mfa-sso': { status: 'exception', findings: ['mfa.not_enrolled erin@acme.example', 'mfa.single_factor_sign_in erin@acme.example'] },
  // dave is still active in the roster after his deadline; ivan's account is gone, at a time no evidence shows (a note, not a failure).
  'hr.deprovisioning': { status: 'exception', findings: ['deprovision.missing dave@acme.example'] },
};

function checkContext(records: CheckContext['records'], workspace: Record<string, unknown>): CheckContext {
  return { period: { from: '2026-04-01', to: '2026-06-30' }, timezone: 'America/New_York', params: {}, records, asOf: '2026-06-30', workspace };
}
function summary(check: Check, ctx: CheckContext): { status: string; findings: string[] } {
  const out = check.run(ctx);
  return { status: out.status ?? (out.exceptions.length ? 'exception' : 'pass'), findings: out.exceptions.map((e) => `${e.rule} ${e.subject}`).sort() };
}

for (const dialect of TEST_DIALECTS) {
  describe(`identity providers give the same results (${dialect})`, () => {
    for (const [provider, sources] of Object.entries(PROVIDERS)) {
      it(`${provider}: rosters, MFA registration and sign-ins of the same organization`, async () => {
        const t = await openTestStore(dialect);
        try {
          cpSync(join(FIXTURES, 'hr'), join(t.dir, 'hr'), { recursive: true });
          cpSync(join(FIXTURES, provider), join(t.dir, provider), { recursive: true });
          const outcomes = await collectSources({ workspaceDir: t.dir, timezone: 'America/New_York', sources: [HR, ...sources], store: t.store, env: {} });
          for (const o of outcomes) expect(o.error, `${o.name}: ${o.error?.message}`).toBeUndefined();
          const records = await t.store.loadRecords();
          // Every provider states the same ten accounts in one roster, with the same MFA registration.
          const accounts = records.account ?? [];
          expect(accounts).toHaveLength(10);
          expect(new Set(accounts.map((a) => a.snapshotAt))).toEqual(new Set(['2026-06-30T23:59:59.999Z']));
          expect(accounts.filter((a) => a.status !== 'active').map((a) => a.email)).toEqual(['ivan@acme.example']);
          expect((records.account_mfa ?? []).filter((m) => !m.enrolled).map((m) => m.accountId).length).toBe(3);
          expect((records.sign_in ?? []).filter((s) => s.accountType === 'user' && s.app).map((s) => `${s.email} ${s.app}`).sort()).toEqual([
            'alice@acme.example AWS Console', 'bob@acme.example AWS Console', 'breakglass@acme.example AWS Console', 'carol@acme.example AWS Console',
            'dave@acme.example AWS Console', 'erin@acme.example AWS Console', 'gina@acme.example Staging Console',
          ]);

          const ctx = checkContext(records, WORKSPACE);
          expect({ 'access.reconciliation': summary(reconciliationCheck, ctx), 'access.mfa-sso': summary(mfaSsoCheck, ctx), 'hr.deprovisioning': summary(deprovisioningCheck, ctx) }).toEqual(EXPECTED);
          expect(deprovisioningCheck.run(ctx).notes?.join(' ')).toContain('ivan@acme.example');
          // Without the declarations, the break-glass and service accounts are what they look like: accounts with no person and no MFA.
          const bare = checkContext(records, {});
          expect(summary(reconciliationCheck, bare).findings).toEqual(expect.arrayContaining(['reconcile.no_person breakglass@acme.example', 'reconcile.no_person svc-deploy@acme.example']));
          expect(summary(mfaSsoCheck, bare).findings).toEqual(expect.arrayContaining(['mfa.not_enrolled breakglass@acme.example', 'mfa.single_factor_sign_in breakglass@acme.example']));
        } finally {
          await t.dispose();
        }
      });
    }

    it('with only the event log (no roster), nobody quiet is reported as having no account: the roster is named as missing', async () => {
      const t = await openTestStore(dialect);
      try {
        cpSync(join(FIXTURES, 'hr'), join(t.dir, 'hr'), { recursive: true });
        cpSync(join(FIXTURES, 'okta'), join(t.dir, 'okta'), { recursive: true });
        await collectSources({ workspaceDir: t.dir, timezone: 'America/New_York', sources: [HR, PROVIDERS.okta[1]], store: t.store, env: {} });
        const out = reconciliationCheck.run(checkContext(await t.store.loadRecords(), WORKSPACE));
        // frank and harry had no event in the window; dave's account is quiet after he left, so only a roster shows it.
        expect(out.exceptions).toEqual([]);
        expect(out.status).toBe('insufficient_evidence');
        expect(out.notes?.join(' ')).toMatch(/No account roster collected.*2 current employee/);
      } finally {
        await t.dispose();
      }
    });
  });
}
