import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import type { ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { loadWorkspace } from '../workspace/index.js';
import type { LoadedWorkspace } from '../workspace/index.js';

/** A mail as a real SMTP server received it: envelope plus the parsed message. */
export interface ReceivedMail {
  from: string;
  to: string[];
  user: string | undefined;
  parsed: ParsedMail;
}

/**
 * A real SMTP server (smtp-server) on 127.0.0.1 and a random port that requires a login and
 * keeps what it receives. `failNext(n, code)` answers the next n RCPT commands with that code.
 */
export async function startSmtpReceiver(credentials: { user: string; pass: string }) {
  const mails: ReceivedMail[] = [];
  let failures: { left: number; code: number } = { left: 0, code: 451 };
  const server = new SMTPServer({
    authOptional: false, allowInsecureAuth: true, disabledCommands: ['STARTTLS'], logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === credentials.user && auth.password === credentials.pass) return cb(null, { user: auth.username });
      return cb(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onRcptTo(_address, _session, cb) {
      if (failures.left > 0) {
        failures.left -= 1;
        return cb(Object.assign(new Error(failures.code < 500 ? 'Try again later' : 'No such mailbox'), { responseCode: failures.code }));
      }
      return cb();
    },
    onData(stream, session, cb) {
      simpleParser(stream).then((parsed) => {
        mails.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), user: session.user as string | undefined, parsed });
        cb();
      }, cb);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port, mails,
    failNext(n: number, code = 451) { failures = { left: n, code }; },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A real node:http server taking webhook posts; `respond` decides each answer (default 200 "ok"). */
export async function startWebhookReceiver() {
  const posts: { path: string; contentType: string | undefined; json: any }[] = [];
  let script: number[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => { body += c; });
    req.on('end', () => {
      const status = script.shift() ?? 200;
      if (status === 200) posts.push({ path: req.url ?? '', contentType: req.headers['content-type'], json: JSON.parse(body) });
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : status >= 500 ? 'upstream_unavailable' : 'invalid_payload');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/services/T000/B000/secret`, posts,
    /** Answers the next requests with these statuses (then 200 again). */
    answer(...statuses: number[]) { script = statuses; },
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** A vendor inventory: `stale` vendors' SOC 2 periods end too long before 2026-06-30, the others are current. */
export function vendorsYaml(vendors: { name: string; stale: boolean }[]): string {
  return `vendors:\n${vendors.map((v) => [
    `  - name: ${JSON.stringify(v.name)}`, '    criticality: critical', '    data_access: [customer data]',
    `    soc2: { type: Type II, period_from: ${v.stale ? '2024-04-01' : '2025-04-01'}, period_to: ${v.stale ? '2025-03-31' : '2026-03-31'} }`,
    '    last_review: { date: 2026-03-02, reviewer: cora@notify.test, signed: true }',
  ].join('\n')).join('\n')}\n`;
}

/**
 * A small workspace for digest tests: a vendor inventory (VEN-02 owned by the security lead
 * through an override), an HR source whose file is missing (a failed collection), and the
 * `notifications:` section given.
 */
export function notifyWorkspace(notifications: string, vendors: { name: string; stale: boolean }[]): { dir: string; ws: () => LoadedWorkspace; setVendors(v: { name: string; stale: boolean }[]): void; dispose(): void } {
  const root = mkdtempSync(join(tmpdir(), 'fieldwork-notify-'));
  const dir = join(root, 'ws');
  mkdirSync(join(dir, 'hr'), { recursive: true });
  writeFileSync(join(dir, 'fieldwork.yaml'), [
    'organization: "Notify & Sons <Test>"', 'timezone: Europe/Berlin',
    'scope:', '  categories: [security]', '  report: { type: 2, from: 2026-01-01, to: 2026-06-30 }',
    'owners:', '  compliance: { name: Cora Owner, email: cora@notify.test, roles: [compliance-owner] }',
    '  people:', '    - { name: Sam Security, email: sam@notify.test, roles: [security-lead] }', '    - { name: Pat People, email: pat@notify.test, roles: [people-ops] }',
    'controls:', '  overrides:', '    - { id: VEN-02, ownerRole: security-lead }',
    // Out of this small workspace's scope, so the vendor exceptions are the only ones.
    '  exclude:', '    - { id: GOV-05, reason: policies are kept elsewhere in this test }', '    - { id: AGT-05, reason: no agent memory in this test }',
    'sources:', '  - { name: vendors, kind: vendors-yaml, path: vendors.yaml }',
    '  - { name: hr, kind: bamboohr-csv, path: hr/roster.csv }',
    notifications,
  ].join('\n') + '\n');
  const setVendors = (v: { name: string; stale: boolean }[]) => writeFileSync(join(dir, 'vendors.yaml'), vendorsYaml(v));
  setVendors(vendors);
  return { dir, ws: () => loadWorkspace(dir), setVendors, dispose: () => rmSync(root, { recursive: true, force: true }) };
}
