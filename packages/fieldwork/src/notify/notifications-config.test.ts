import { FieldworkError } from '@fieldwork/core';
import { describe, expect, it } from 'vitest';
import { parseWorkspace } from '../workspace/index.js';
import { resolveRecipients } from './notification-recipients.js';

const base = [
  'organization: Acme', 'timezone: UTC',
  'scope: { categories: [security], report: { type: 2, from: 2026-01-01, to: 2026-06-30 } }',
  'owners:', '  compliance: { name: Cora Owner, email: cora@acme.test, roles: [compliance-owner] }',
  '  people:', '    - { name: Sam Security, email: sam@acme.test, roles: [security-lead] }',
].join('\n');
const parse = (notifications: string) => parseWorkspace(`${base}\n${notifications}\n`, '/ws/fieldwork.yaml');
const refusal = (notifications: string): FieldworkError => {
  try {
    parse(notifications);
  } catch (e) {
    return e as FieldworkError;
  }
  throw new Error('expected a refusal');
};

describe('notifications: in fieldwork.yaml', () => {
  it('reads channels and people, with defaults', () => {
    const ws = parse(['notifications:', '  channels:', '    email: { host: smtp.acme.test, from: fieldwork@acme.test, user: fw, passwordEnv: SMTP_PASSWORD }', '    webhook: { urlEnv: SLACK_URL }'].join('\n'));
    expect(ws.notifications).toMatchObject({ digestTime: '08:00', channels: { email: { port: 587, security: 'starttls' }, webhook: { urlEnv: 'SLACK_URL' } }, people: [] });
  });

  it('refuses a password written inline, naming the place and pointing to passwordEnv', () => {
    const e = refusal(['notifications:', '  channels:', '    email:', '      host: smtp.acme.test', '      from: fieldwork@acme.test', '      user: fw', '      password: hunter2'].join('\n'));
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.message).toContain('notifications.channels.email.password');
    expect(e.message).toContain('refused (the file lives in git): set passwordEnv');
    expect(e.where).toMatchObject({ file: '/ws/fieldwork.yaml', line: 14 });
    expect(e.hint).toContain('environment variables');
  });

  it('refuses a webhook URL inline and a URL where the variable name belongs', () => {
    expect(refusal('notifications: { channels: { webhook: { url: "https://hooks.slack.com/services/T/B/x" } } }').message).toContain('set urlEnv');
    const e = refusal('notifications: { channels: { webhook: { urlEnv: "https://hooks.slack.com/services/T/B/x" } } }');
    expect(e.message).toContain('names an environment variable');
    // The compliant look-alike: a variable name.
    expect(parse('notifications: { channels: { webhook: { urlEnv: SLACK_WEBHOOK_URL } } }').notifications?.channels.webhook).toEqual({ urlEnv: 'SLACK_WEBHOOK_URL' });
  });

  it('refuses a digest time that is not HH:MM and an unknown event', () => {
    expect(refusal('notifications: { digestTime: "8am" }').message).toContain('HH:MM');
    expect(refusal('notifications: { people: [{ person: cora@acme.test, events: [everything] }] }').message).toContain('notifications.people[0].events');
  });
});

describe('who is told what', () => {
  const channels = 'notifications:\n  channels:\n    email: { host: smtp.acme.test, from: fw@acme.test }\n    webhook: { urlEnv: SLACK_URL }';
  it('by default the compliance owner gets everything everywhere, other owners their own notices by email', () => {
    const ws = parse(channels);
    expect(resolveRecipients(ws, ws.notifications).map((r) => [r.email, r.scope, r.channels.join('+'), r.events.length])).toEqual([
      ['cora@acme.test', 'all', 'email+webhook', 6], ['sam@acme.test', 'mine', 'email', 6],
    ]);
  });

  it('per-person settings by name or email, and a team address added by email', () => {
    const ws = parse(`${channels}\n  people:\n    - { person: sam security, events: [exception_new], channels: [email, webhook], digestTime: "07:30" }\n    - { person: Cora@Acme.test, channels: [] }\n    - { person: soc2@acme.test, channels: [webhook] }`);
    expect(resolveRecipients(ws, ws.notifications).map((r) => [r.email, r.scope, r.channels.join('+'), r.events.join(','), r.digestTime])).toEqual([
      ['cora@acme.test', 'all', '', expect.any(String), '08:00'],
      ['sam@acme.test', 'mine', 'email+webhook', 'exception_new', '07:30'],
      ['soc2@acme.test', 'all', 'webhook', expect.stringContaining('ledger_broken'), '08:00'],
    ]);
  });

  it('a channel a person is to be told by must be configured', () => {
    const ws = parse('notifications:\n  channels: { email: { host: smtp.acme.test, from: fw@acme.test } }\n  people:\n    - { person: Sam Security, channels: [webhook] }');
    expect(() => resolveRecipients(ws, ws.notifications)).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringContaining('notifications.channels.webhook is not configured') }));
  });

  it('a name nobody has is an error listing the owners', () => {
    const ws = parse(`${channels}\n  people:\n    - { person: Nobody Here }`);
    expect(() => resolveRecipients(ws, ws.notifications)).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID', hint: expect.stringContaining('Cora Owner, Sam Security') }));
  });
});
