import { FieldworkError } from '@fieldwork/core';
import type { Command } from 'commander';
import { createToken, checkTokens, loadTokenFile, serverRoles, startServer } from '../../server/index.js';
import type { ServerRole, ServerToken } from '../../server/index.js';
import { statSync } from 'node:fs';
import { Scheduler } from '../../schedule/index.js';
import type { ScheduleEvent } from '../../schedule/index.js';
import { FieldworkStore } from '../../store/index.js';
import { loadWorkspace, resolvePeriod } from '../../workspace/index.js';
import type { LoadedWorkspace } from '../../workspace/index.js';
import { workspaceDir } from '../context.js';
import type { GlobalOptions } from '../context.js';
import { bold, dim, out, printJson, yellow } from '../output.js';
import { warnAboutWindow } from '../window-note.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

interface ServeFlags {
  port: string;
  host: string;
  tokenFile?: string;
  insecureLocal?: boolean;
  secureCookies?: boolean;
  /** False with --no-schedule. */
  schedule: boolean;
}

/** The workspace as it is on disk now, re-read only when fieldwork.yaml changed. */
function currentWorkspace(first: LoadedWorkspace): () => LoadedWorkspace {
  let cached = { mtimeMs: statSync(first.file).mtimeMs, ws: first };
  return () => {
    const mtimeMs = statSync(first.file, { throwIfNoEntry: false })?.mtimeMs ?? -1;
    if (mtimeMs !== cached.mtimeMs) cached = { mtimeMs, ws: loadWorkspace(first.dir) };
    return cached.ws;
  };
}

/** One line of the serve log per scheduled run event. */
function describeEvent(e: ScheduleEvent): string {
  switch (e.type) {
    case 'enqueued': return `schedule: ${e.job} @ ${e.tick} queued`;
    case 'missed': return `schedule: ${e.job} @ ${e.tick}: ${e.missed} earlier instant(s) passed while asleep; running the latest only`;
    case 'started': return `schedule: ${e.job} @ ${e.tick} started (attempt ${e.attempt}, ${e.instance})`;
    case 'note': return `schedule: ${e.job} @ ${e.tick}: ${e.note}`;
    case 'completed': return `schedule: ${e.job} @ ${e.tick} completed (attempt ${e.attempt}, ${e.instance})`;
    case 'failed': return `schedule: ${e.job} @ ${e.tick} failed (attempt ${e.attempt}, ${e.instance}): ${e.error}`;
    case 'error': return `schedule: ${e.message}`;
  }
}

/** Resolves when the process receives SIGINT or SIGTERM. */
function untilSignal(): Promise<string> {
  return new Promise((resolve) => {
    const on = (sig: string) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      // A second Ctrl-C while shutting down means "now".
      process.once('SIGINT', () => process.exit(130));
      resolve(sig);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

export function registerServe(program: Command, globals: () => GlobalOptions): void {
  const serve = program
    .command('serve')
    .description('serve the HTTP API and the dashboard (token auth; roles admin, owner, auditor, approver)')
    .option('--port <n>', 'port to listen on', '4545')
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--token-file <file>', 'YAML/JSON list of { name, role, sha256 | token } (besides server.tokens in fieldwork.yaml)')
    .option('--insecure-local', 'no tokens: bind 127.0.0.1 only and treat every request as admin')
    .option('--secure-cookies', 'mark the login cookie Secure (when served over HTTPS, e.g. behind a TLS proxy)')
    .option('--no-schedule', 'do not run schedule.jobs from fieldwork.yaml in this instance')
    .action(async (flags: ServeFlags) => {
      const g = globals();
      const dir = workspaceDir(g);
      const ws = loadWorkspace(dir);
      const port = Number(flags.port);
      if (!/^\d+$/.test(flags.port) || port > 65535) throw new FieldworkError('USAGE', `--port ${flags.port} is not a port number.`, { hint: 'Use 0–65535 (0 picks a free port).' });
      const fileTokens: ServerToken[] = flags.tokenFile ? loadTokenFile(flags.tokenFile) : [];
      const all = [...fileTokens, ...(ws.config.server?.tokens ?? [])];
      checkTokens(all);
      if (flags.insecureLocal && !LOOPBACK.has(flags.host)) {
        throw new FieldworkError('USAGE', `--insecure-local serves without authentication, so it binds 127.0.0.1 only (not ${flags.host}).`, { hint: 'Drop --host, or configure tokens: fieldwork serve token create --name NAME --role owner.' });
      }
      if (!flags.insecureLocal && all.length === 0) {
        throw new FieldworkError('USAGE', 'No API token is configured, so nobody could sign in.', {
          hint: 'Create one with `fieldwork serve token create --name you --role admin` and add the printed line under server.tokens in fieldwork.yaml (or pass --token-file). For a local look without tokens: --insecure-local.',
        });
      }
      const store = await FieldworkStore.open(FieldworkStore.locationFor(dir));
      let scheduler: Scheduler | undefined;
      try {
        const server = await startServer({
          workspaceDir: dir, store, secureCookies: !!flags.secureCookies,
          auth: flags.insecureLocal ? { mode: 'insecure-local' } : { mode: 'tokens', tokens: fileTokens },
        }, { port, host: flags.insecureLocal ? '127.0.0.1' : flags.host });
        // The dashboard shows the workspace window: name it here if evidence cannot speak for it.
        await warnAboutWindow(ws, store, resolvePeriod(ws.config, {}).period);
        if (flags.schedule) {
          scheduler = await Scheduler.start({
            workspace: currentWorkspace(ws), store,
            onEvent: (e) => (g.json ? out(JSON.stringify({ event: e })) : out(dim(describeEvent(e)))),
          }).catch(async (e: unknown) => {
            await server.close(0);
            throw e;
          });
        }
        const scheduled = !flags.schedule ? 'schedule off (--no-schedule)' : scheduler?.jobs.length ? `${scheduler.jobs.length} scheduled job(s), ${scheduler.runner.mode}` : 'no scheduled jobs';
        const auth = flags.insecureLocal ? 'insecure-local (no tokens; every request is admin)' : `${all.length} token(s)`;
        if (g.json) out(JSON.stringify({ url: server.url, store: store.dialect, auth: flags.insecureLocal ? 'insecure-local' : 'tokens', tokens: all.length, schedule: { jobs: scheduler?.jobs.map((j) => j.name) ?? [], runner: scheduler?.runner.mode ?? null } }));
        else {
          out(`${bold('Fieldwork')} serving ${ws.config.organization} at ${bold(server.url)}`);
          out(dim(`store ${store.dialect} · auth ${auth} · ${scheduled} · Ctrl-C to stop`));
          if (flags.insecureLocal) out(yellow('Anyone on this machine can act as admin. Use tokens for anything shared.'));
        }
        const sig = await untilSignal();
        if (!g.json) out(dim(`${sig}: stopping (waiting up to 10 s for requests in flight)…`));
        await scheduler?.stop();
        await server.close();
      } finally {
        await store.close();
      }
    });

  serve
    .command('token')
    .description('manage API tokens')
    .exitOverride()
    .command('create')
    .exitOverride()
    .description('print a new random token once, and the line with its sha256 to add under server.tokens')
    .requiredOption('--name <name>', 'who or what uses it (a person, a CI pipeline)')
    .requiredOption('--role <role>', `one of ${serverRoles.join(', ')}`)
    .action((flags: { name: string; role: string }) => {
      if (!(serverRoles as readonly string[]).includes(flags.role)) throw new FieldworkError('USAGE', `--role ${flags.role} is not a role.`, { hint: `Use one of ${serverRoles.join(', ')}.` });
      const role = flags.role as ServerRole;
      const { token, sha256 } = createToken();
      const line = `    - { name: ${JSON.stringify(flags.name)}, role: ${role}, sha256: ${sha256} }`;
      if (globals().json) return printJson({ name: flags.name, role, token, sha256 });
      out(`${bold('Token')} (shown once; store it in a password manager or CI secret):`);
      out(token);
      out('');
      out('Add this under server.tokens in fieldwork.yaml (only the hash; safe to commit):');
      out(dim('server:\n  tokens:'));
      out(line);
    });
}
