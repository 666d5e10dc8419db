import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFile, REAL_FIXTURES, refusal, scratchDir } from '../../testing/index.js';
import { googleWorkspaceCollector } from './google-workspace-collector.js';

const FIXTURE = join(REAL_FIXTURES, 'identity/google-workspace-reports-admin-activity.sentinel-sample.json');
const scratch = scratchDir('gws-');
const file = scratch.file;
const failure = (path: string, options: unknown = {}) => refusal(googleWorkspaceCollector, path, options);

function activity(app: string, time: string, uq: string, name: string, params: Record<string, string>, actor: object = { callerType: 'USER', email: 'admin@example.com', profileId: '1001' }): object {
  return {
    kind: 'admin#reports#activity',
    id: { time, uniqueQualifier: uq, applicationName: app, customerId: 'C0abc' },
    etag: '"x"', actor, ipAddress: '203.0.113.7',
    events: [{ type: 'USER_SETTINGS', name, parameters: Object.entries(params).map(([k, v]) => ({ name: k, value: v })) }],
  };
}

describe('google-workspace-admin', () => {
  it('reads the real Reports API sample from its raw fields (not the flattened copies)', async () => {
    const records = await parseFile(googleWorkspaceCollector, FIXTURE);
    // USER_LICENSE_ASSIGNMENT is evidence only; CREATE_USER and ADD_GROUP_MEMBER are access changes.
    expect(records.map((r) => r.kind === 'access_event' && [r.eventType, r.action, r.locator])).toEqual([
      ['admin.CREATE_USER', 'create', '/1/events/0'],
      ['admin.ADD_GROUP_MEMBER', 'grant', '/2/events/0'],
    ]);
    expect(records[0]).toMatchObject({ system: 'google-workspace', at: '2020-11-09T13:08:21.172Z', account: 'sanitized_email.com', actor: 'sanitized_email.com', eventId: '-6280654592237957004' });
    expect(records[1]).toMatchObject({ target: 'sanitized_email.com' });
  });

  it('reads a response page with user, group, privilege, sign-in and 2SV events', async () => {
    const page = {
      kind: 'admin#reports#activities', etag: '"p"', nextPageToken: 'A:1',
      items: [
        activity('admin', '2026-04-02T17:00:00.000Z', '1', 'CREATE_USER', { USER_EMAIL: 'Ada@example.com' }),
        activity('admin', '2026-04-02T17:05:00.000Z', '2', 'ADD_GROUP_MEMBER', { USER_EMAIL: 'ada@example.com', GROUP_EMAIL: 'eng@example.com' }),
        activity('admin', '2026-04-03T17:05:00.000Z', '3', 'GRANT_ADMIN_PRIVILEGE', { USER_EMAIL: 'ada@example.com' }),
        activity('login', '2026-04-03T15:00:00.000Z', '4', '2sv_enroll', {}, { callerType: 'USER', email: 'ada@example.com', profileId: '2002' }),
        activity('login', '2026-04-04T15:00:00.000Z', '5', 'login_success', { login_type: 'google_password' }, { email: 'ada@example.com', profileId: '2002' }),
        activity('login', '2026-04-04T15:01:00.000Z', '6', 'login_failure', {}, { email: 'ada@example.com', profileId: '2002' }),
        activity('groups', '2026-05-01T10:00:00.000Z', '7', 'remove_user', { user_email: 'ada@example.com', group_email: 'eng@example.com' }),
        activity('admin', '2026-06-01T10:00:00.000Z', '8', 'SUSPEND_USER', { USER_EMAIL: 'ada@example.com' }),
        activity('admin', '2026-06-02T10:00:00.000Z', '9', 'DELETE_USER', { USER_EMAIL: 'ada@example.com' }),
      ],
    };
    const records = await parseFile(googleWorkspaceCollector, file('page.json', JSON.stringify(page, null, 2)));
    expect(records.filter((r) => r.kind === 'access_event').map((r) => r.kind === 'access_event' && `${r.action}:${r.account}:${r.target ?? ''}`)).toEqual([
      'create:Ada@example.com:', 'grant:ada@example.com:eng@example.com', 'role_change:ada@example.com:', 'mfa_enroll:ada@example.com:',
      'login:ada@example.com:', 'revoke:ada@example.com:eng@example.com', 'suspend:ada@example.com:', 'delete:ada@example.com:',
    ]);
    expect(records[0]).toMatchObject({ email: 'ada@example.com', locator: '/items/0/events/0' });
    // The sign-ins are also sign-in records: the password alone names no challenge method, so MFA is unknown.
    expect(records.filter((r) => r.kind === 'sign_in').map((r) => r.kind === 'sign_in' && `${r.outcome}:${r.mfa}:${r.locator}`)).toEqual(['success:unknown:/items/4/events/0', 'failure:unknown:/items/5/events/0']);
  });

  it('reads how each sign-in was challenged: a second factor, the password alone, SAML, and a SAML app sign-in', async () => {
    const login = (uq: string, email: string, methods: string[], loginType = 'google_password') => ({
      kind: 'admin#reports#activity', id: { time: '2026-05-04T15:00:00.000Z', uniqueQualifier: uq, applicationName: 'login', customerId: 'C0abc' },
      actor: { email, profileId: `p${uq}` }, ipAddress: '203.0.113.7',
      events: [{ type: 'login', name: 'login_success', parameters: [{ name: 'login_type', value: loginType }, { name: 'login_challenge_method', multiValue: methods }, { name: 'is_suspicious', boolValue: false }] }],
    });
    const page = { kind: 'admin#reports#activities', items: [
      login('11', 'ada@example.com', ['password', 'google_authenticator']),
      login('12', 'erin@example.com', ['password']),
      login('13', 'sso@example.com', [], 'saml'),
      login('14', 'bot@example.com', ['none'], 'exchange'),
      activity('saml', '2026-05-04T15:02:00.000Z', '15', 'login_success', { application_name: 'AWS Console', initiated_by: 'idp' }, { email: 'ada@example.com', profileId: 'p11' }),
    ] };
    const signIns = (await parseFile(googleWorkspaceCollector, file('logins.json', JSON.stringify(page)))).filter((r) => r.kind === 'sign_in');
    expect(signIns.map((r) => r.kind === 'sign_in' && `${r.account} ${r.app ?? '-'} ${r.mfa} sso=${r.sso} interactive=${r.interactive}`)).toEqual([
      'ada@example.com - satisfied sso=false interactive=true',
      'erin@example.com - single_factor sso=false interactive=true',
      'sso@example.com - unknown sso=true interactive=true',
      'bot@example.com - single_factor sso=false interactive=false',
      'ada@example.com AWS Console unknown sso=true interactive=true',
    ]);
    expect(signIns[0]).toMatchObject({ system: 'google-workspace', eventId: 'login:11', method: 'password, google_authenticator', accountId: 'p11' });
  });

  it('reads JSON Lines of activities and drops repeated activities', async () => {
    const a = JSON.stringify(activity('admin', '2026-04-02T17:00:00.000Z', '1', 'UNSUSPEND_USER', { USER_EMAIL: 'ben@example.com' }));
    const records = await parseFile(googleWorkspaceCollector, file('acts.jsonl', `${a}\n${a}\n`));
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ action: 'unsuspend', locator: 'line 1#/events/0' });
  });

  it('accepts a page with no items (nothing happened in the window)', async () => {
    expect(await parseFile(googleWorkspaceCollector, file('none.json', '{"kind":"admin#reports#activities","etag":"\\"e\\""}'))).toEqual([]);
  });

  it('refuses the first half of the real sample as truncated', async () => {
    const bytes = readFileSync(FIXTURE);
    expect((await failure(file('half.json', bytes.subarray(0, bytes.length >> 1)))).code).toBe('INPUT_MALFORMED');
    const page = JSON.stringify({ kind: 'admin#reports#activities', items: JSON.parse(bytes.toString()) }, null, 2);
    expect((await failure(file('half-page.json', page.slice(0, page.length >> 1)))).code).toBe('INPUT_MALFORMED');
  });

  it('refuses an Okta log as the wrong format', async () => {
    const err = await failure(join(REAL_FIXTURES, 'identity/okta-system-log.get_logs_response.json'));
    expect(err).toMatchObject({ code: 'INPUT_WRONG_FORMAT', where: { pointer: '/0/id' } });
  });
});
