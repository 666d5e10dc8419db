import { addDays, startOfDay } from '@fieldwork/core';
import type { DemoContext, DemoPart, DemoPartOutput, DemoPerson } from './demo-context.js';
import { PLANTED_LEAVERS } from './demo-people.js';
import { planting } from './demo-plants.js';
import { stackOf } from './demo-stack.js';
import { entraDirectoryAudits, entraRoster, entraSignIns } from './entra-demo-formats.js';
import type { IdentityFact, IdentityFactType } from './entra-demo-formats.js';

const ADMIN = { id: '00uadmin0000000000', alternateId: 'it-admin', displayName: 'IT Admin' };
const APPS = ['Slack', 'GitHub Enterprise', 'AWS IAM Identity Center', 'Linear', 'Notion'];

interface Ev {
  at: string;
  line: string;
  fact: IdentityFact;
}

/** Okta event types → the provider-neutral fact they state. */
const FACT_OF: Record<string, IdentityFactType> = {
  'user.mfa.factor.activate': 'mfa_enroll',
  'user.mfa.factor.reset_all': 'mfa_reset',
  'user.lifecycle.create': 'create',
  'user.lifecycle.activate': 'activate',
  'user.lifecycle.reactivate': 'reactivate',
  'user.lifecycle.deactivate': 'deactivate',
  'user.lifecycle.suspend': 'suspend',
  'application.user_membership.add': 'grant',
  'user.session.start': 'login',
};

/** Minutes after local midnight → an ISO instant in the workspace timezone. */
function localTime(date: string, minutes: number, tz: string): string {
  return new Date(Date.parse(startOfDay(date, tz)) + minutes * 60_000).toISOString();
}

function oktaEvent(ctx: DemoContext, at: string, eventType: string, displayMessage: string, target: DemoPerson | undefined, actor: { id: string; alternateId: string; displayName: string }, extraTargets: ({ displayName: string } & Record<string, unknown>)[] = []): Ev {
  // Drawn in this order whatever the format, so every stack gets the same times and ids.
  const sessionId = `trs${ctx.rng.hex(20)}`;
  const requestId = ctx.rng.hex(24);
  const transactionId = ctx.rng.hex(24);
  const uuid = ctx.rng.uuid();
  const person = target ?? ctx.people.find((q) => q.oktaId === actor.id)!;
  const fact: IdentityFact = {
    at, type: FACT_OF[eventType], person: { email: person.email, name: `${person.firstName} ${person.lastName}`, oktaId: person.oktaId }, by: actor === ADMIN ? 'admin' : 'self',
    ...(extraTargets[0] ? { app: extraTargets[0].displayName } : {}), uuid, requestId,
  };
  const e = {
    actor: { ...actor, type: 'User', detailEntry: null },
    client: { userAgent: { rawUserAgent: 'Mozilla/5.0', os: 'Mac OS X', browser: 'CHROME' }, zone: 'null', device: 'Computer', id: null, ipAddress: '203.0.113.10', geographicalContext: { city: 'San Francisco', state: 'California', country: 'United States', postalCode: '94105', geolocation: { lat: 37.79, lon: -122.39 } } },
    authenticationContext: { authenticationProvider: null, credentialProvider: null, credentialType: null, issuer: null, interface: null, authenticationStep: 0, externalSessionId: sessionId },
    displayMessage,
    eventType,
    outcome: { result: 'SUCCESS', reason: null },
    published: at,
    securityContext: { asNumber: null, asOrg: null, isp: null, domain: null, isProxy: null },
    severity: 'INFO',
    debugContext: { debugData: { requestId } },
    legacyEventType: null,
    transaction: { type: 'WEB', id: transactionId, detail: {} },
    uuid,
    version: '0',
    request: { ipChain: [] },
    target: [...(target ? [{ id: target.oktaId, type: 'User', alternateId: target.email, displayName: `${target.firstName} ${target.lastName}`, detailEntry: null }] : []), ...extraTargets],
  };
  return { at, line: JSON.stringify(e), fact };
}

/**
 * HR export (BambooHR CSV) and identity provider log (Okta System Log, JSONL; or, for the
 * `entra-linear` stack, Entra ID directory audits and sign-ins of the same events), with planted
 * deprovisioning problems: a late deactivation, a leaver never deactivated, an account
 * revived after departure — and one deactivation that is late only if days are counted in UTC.
 */
export const identityPart: DemoPart = {
  name: 'identity',
  generate(ctx): DemoPartOutput {
    const tz = ctx.timezone;
    const logStart = addDays(ctx.period.from, -90);
    const events: Ev[] = [];
    const self = (p: DemoPerson) => ({ id: p.oktaId, alternateId: p.email, displayName: `${p.firstName} ${p.lastName}` });
    const planted: DemoPartOutput['planted'] = [];

    const people = ctx.people;
    // What the roster at the end of the window shows, gathered from the events as they are made.
    const enrolledOn = new Map<DemoPerson, string>();
    const lastSignIn = new Map<DemoPerson, string>();
    const accountEnd = new Map<DemoPerson, 'DEPROVISIONED' | 'SUSPENDED' | 'ACTIVE'>();
    // Two active people with an MFA problem: one never enrolled, one reset and never re-enrolled.
    // Switched off, each is the compliant version: enrolled, or not reset at all.
    const noMfa = planting(ctx, 'identity.mfa_none') ? people[20] : undefined;
    const resetMfa = planting(ctx, 'identity.mfa_reset') ? people[40] : undefined;
    for (const p of people) {
      const enrollDay = p.hireDate >= logStart ? p.hireDate : addDays(logStart, ctx.rng.int(1, 5));
      if (p !== noMfa) {
        // Starters in the window enrol before their first sign-in (same single draw, so the stream is unchanged).
        const minutes = p.hireDate >= ctx.period.from ? 7 * 60 + ctx.rng.int(0, 30) : 11 * 60 + ctx.rng.int(0, 240);
        events.push(oktaEvent(ctx, localTime(enrollDay, minutes, tz), 'user.mfa.factor.activate', 'User set up Okta Verify factor', p, self(p)));
        enrolledOn.set(p, localTime(enrollDay, minutes, tz));
      }
      if (p === resetMfa) {
        events.push(oktaEvent(ctx, localTime(addDays(ctx.period.from, 40), 15 * 60, tz), 'user.mfa.factor.reset_all', 'Reset all factors for user', p, ADMIN));
      }
      if (p.hireDate >= logStart) {
        events.push(oktaEvent(ctx, localTime(p.hireDate, 8 * 60 + ctx.rng.int(0, 60), tz), 'user.lifecycle.create', 'Create Okta user', p, ADMIN));
        events.push(oktaEvent(ctx, localTime(p.hireDate, 9 * 60 + ctx.rng.int(0, 60), tz), 'user.lifecycle.activate', 'Activate Okta user', p, ADMIN));
        for (const app of APPS.slice(0, ctx.rng.int(2, APPS.length))) {
          events.push(oktaEvent(ctx, localTime(p.hireDate, 10 * 60 + ctx.rng.int(0, 120), tz), 'application.user_membership.add', 'Add user to application membership', p, ADMIN, [{ id: `0oa${ctx.rng.hex(17)}`, type: 'AppInstance', alternateId: app, displayName: app, detailEntry: null }]));
        }
      }
      // Sign-ins every week or two while employed.
      const lastDay = p.endDate ?? ctx.period.to;
      for (let d = p.hireDate > logStart ? p.hireDate : addDays(logStart, ctx.rng.int(0, 6)); d <= lastDay && d <= ctx.period.to; d = addDays(d, ctx.rng.int(6, 14))) {
        const signIn = oktaEvent(ctx, localTime(d, 8 * 60 + ctx.rng.int(0, 180), tz), 'user.session.start', 'User login to Okta', undefined, self(p));
        events.push(signIn);
        lastSignIn.set(p, signIn.at);
      }
      if (p.endDate && p.endDate <= ctx.period.to) accountEnd.set(p, 'DEPROVISIONED');
      if (!p.endDate || p.endDate < logStart) continue;
      const end = p.endDate;
      // A plant switched off becomes the compliant version: deactivated on the last day, nothing after.
      if (end === PLANTED_LEAVERS.late.end && planting(ctx, 'identity.late')) {
        events.push(oktaEvent(ctx, localTime(addDays(end, 6), 10 * 60 + 20, tz), 'user.lifecycle.deactivate', 'Deactivate Okta user', p, ADMIN));
        planted.push({ rule: 'deprovision.late', subject: p.email, why: 'deactivated six days after the HR end date' });
      } else if (end === PLANTED_LEAVERS.missing.end && planting(ctx, 'identity.missing')) {
        for (const off of [3, 8, 12]) events.push(oktaEvent(ctx, localTime(addDays(end, off), 9 * 60 + 5, tz), 'user.session.start', 'User login to Okta', undefined, self(p)));
        accountEnd.set(p, 'ACTIVE');
        planted.push({ rule: 'deprovision.missing', subject: p.email, why: 'never deactivated' });
        planted.push({ rule: 'deprovision.active_after_end', subject: p.email, why: 'kept signing in after leaving' });
        planted.push({ rule: 'reconcile.leaver_active', subject: p.email, why: 'HR says gone, the identity provider says active' });
      } else if (end === PLANTED_LEAVERS.revived.end && planting(ctx, 'identity.revived')) {
        events.push(oktaEvent(ctx, localTime(end, 17 * 60 + 30, tz), 'user.lifecycle.deactivate', 'Deactivate Okta user', p, ADMIN));
        events.push(oktaEvent(ctx, localTime(addDays(end, 11), 11 * 60, tz), 'user.lifecycle.reactivate', 'Reactivate Okta user', p, ADMIN));
        events.push(oktaEvent(ctx, localTime(addDays(end, 12), 9 * 60 + 40, tz), 'user.session.start', 'User login to Okta', undefined, self(p)));
        accountEnd.set(p, 'ACTIVE');
        planted.push({ rule: 'deprovision.active_after_end', subject: p.email, why: 'reactivated and signed in eleven days after leaving' });
        planted.push({ rule: 'reconcile.leaver_active', subject: p.email, why: 'HR says gone, the identity provider shows a reactivation' });
      } else if (end === PLANTED_LEAVERS.utcTrap.end) {
        // 22:30 local on the next day: one calendar day in the workspace timezone, two in UTC.
        events.push(oktaEvent(ctx, localTime(addDays(end, 1), 22 * 60 + 30, tz), 'user.lifecycle.deactivate', 'Deactivate Okta user', p, ADMIN));
        ctx.shared.utcTrapSubject = p.email;
      } else {
        const sameDay = ctx.rng.chance(0.6);
        const at = localTime(sameDay ? end : addDays(end, 1), sameDay ? 17 * 60 + ctx.rng.int(0, 300) : 9 * 60 + ctx.rng.int(0, 120), tz);
        const suspended = !ctx.rng.chance(0.8);
        events.push(oktaEvent(ctx, at, suspended ? 'user.lifecycle.suspend' : 'user.lifecycle.deactivate', 'Deactivate Okta user', p, ADMIN));
        if (suspended && end <= ctx.period.to) accountEnd.set(p, 'SUSPENDED');
      }
    }
    if (noMfa) planted.push({ rule: 'mfa.not_enrolled', subject: noMfa.email, why: 'signs in without ever enrolling an MFA factor' });
    if (resetMfa) planted.push({ rule: 'mfa.not_enrolled', subject: resetMfa.email, why: 'factors reset in May and never re-enrolled, yet keeps signing in' });
    // The model providers' CUECs lean on HR-05: the vendors part plants their failure only when HR-05 fails.
    ctx.shared.hr05Failing = planted.some((p) => p.rule.startsWith('deprovision.'));
    events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));

    const header = 'employeeNumber,firstName,lastName,workEmail,department,employmentHistoryStatus,hireDate,originalHireDate,terminationDate,status';
    const rows = ctx.people.map((p) => [p.employeeNumber, p.firstName, p.lastName, p.email, p.department, p.workerType === 'contractor' ? 'Contractor' : 'Full-Time', p.hireDate, p.originalHireDate ?? p.hireDate, p.endDate ?? '0000-00-00', p.endDate ? 'Inactive' : 'Active'].join(','));
    const hr = { 'exports/bamboohr/employees.csv': [header, ...rows].join('\r\n') + '\r\n' };
    const hrSource = { name: 'hr', kind: 'bamboohr-csv', path: 'exports/bamboohr/employees.csv' };
    const seen = { enrolledOn, lastSignIn, accountEnd, noFactors: new Set([noMfa, resetMfa].filter((p): p is DemoPerson => !!p)) };
    if (stackOf(ctx) === 'entra-linear') {
      const facts = events.map((e) => e.fact);
      return {
        files: { ...hr, 'exports/entra/directory-audits.json': entraDirectoryAudits(facts, ctx.domain), 'exports/entra/sign-ins.json': entraSignIns(facts), ...entraRoster(ctx, seen) },
        sources: [
          hrSource,
          { name: 'entra', kind: 'entra-audit', path: 'exports/entra/directory-audits.json' },
          { name: 'entra-sign-ins', kind: 'entra-sign-ins', path: 'exports/entra/sign-ins.json' },
          { name: 'entra-users', kind: 'entra-users', path: 'exports/entra/users' },
        ],
        planted,
      };
    }
    return {
      files: { ...hr, 'exports/okta/system-log.jsonl': events.map((e) => e.line).join('\n') + '\n', ...oktaRoster(ctx, seen) },
      sources: [hrSource, { name: 'okta', kind: 'okta-system-log', path: 'exports/okta/system-log.jsonl' }, { name: 'okta-users', kind: 'okta-users', path: 'exports/okta/users' }],
      planted,
    };
  },
};

/**
 * The Okta account roster at the end of the window, as `GET /api/v1/users` and each user's
 * `GET /api/v1/users/{id}/factors` return it (deprovisioned users are not listed), in files dated
 * by the day they were fetched.
 */
function oktaRoster(ctx: DemoContext, seen: { enrolledOn: Map<DemoPerson, string>; lastSignIn: Map<DemoPerson, string>; accountEnd: Map<DemoPerson, string>; noFactors: Set<DemoPerson> }): Record<string, string> {
  const day = ctx.period.to;
  const base = 'https://relaylabs.okta.com/api/v1/users';
  const files: Record<string, string> = {};
  const users = [];
  for (const p of ctx.people) {
    if (p.hireDate > day) continue;
    const status = seen.accountEnd.get(p) ?? 'ACTIVE';
    if (status === 'DEPROVISIONED') continue;
    const created = `${p.hireDate}T16:00:00.000Z`;
    users.push({
      id: p.oktaId, status, created, activated: created, statusChanged: created,
      lastLogin: seen.lastSignIn.get(p) ?? null, lastUpdated: created, passwordChanged: created,
      type: { id: 'oty1relaydefault000' },
      profile: { firstName: p.firstName, lastName: p.lastName, mobilePhone: null, secondEmail: null, login: p.email, email: p.email },
      credentials: { password: {}, provider: { type: 'OKTA', name: 'OKTA' } },
      _links: { self: { href: `${base}/${p.oktaId}` } },
    });
    const enrolled = seen.enrolledOn.get(p);
    const factors = enrolled && !seen.noFactors.has(p)
      ? [{
        id: `opf${p.oktaId.slice(3, 17)}`, factorType: 'push', provider: 'OKTA', vendorName: 'OKTA', status: 'ACTIVE', created: enrolled, lastUpdated: enrolled,
        profile: { credentialId: p.email, deviceType: 'SmartPhone_IPhone', name: `${p.firstName}'s iPhone`, platform: 'IOS', version: '17.6' },
        _links: { self: { href: `${base}/${p.oktaId}/factors/opf${p.oktaId.slice(3, 17)}` }, user: { href: `${base}/${p.oktaId}` } },
      }]
      : [];
    files[`exports/okta/users/okta-factors-${p.oktaId}-${day}.json`] = JSON.stringify(factors, null, 2) + '\n';
  }
  files[`exports/okta/users/okta-users-${day}.json`] = JSON.stringify(users, null, 2) + '\n';
  return files;
}
