/**
 * @module The `fieldwork` command-line entry point.
 */
import { spawn } from 'node:child_process';
import { commandToRun } from './command-to-run.js';
import { glibcVersion, relaunchEnv } from './malloc-relaunch.js';

const argv = process.argv.slice(2);
const env = relaunchEnv(commandToRun(argv), { env: process.env, platform: process.platform, glibc: glibcVersion });
if (env) relaunch(env);
else void runHere();

/** Runs the command in this process. */
async function runHere(): Promise<void> {
  const [{ runCli }, { watchClosedPipes, pipeClosed }] = await Promise.all([import('./program.js'), import('./output.js')]);
  watchClosedPipes();
  runCli(argv).then(
    (code) => {
      // The reader went away (`fieldwork check | head`): like `git log | head`, that is not a failure.
      process.exitCode = pipeClosed() ? 0 : code;
    },
    (e: unknown) => {
      if (pipeClosed()) {
        process.exitCode = 0;
        return;
      }
      process.stderr.write(`error ${e instanceof Error ? e.message : String(e)}\n  hint: this is a bug in Fieldwork; set FIELDWORK_DEBUG=1 for the stack and please report it.\n`);
      if (process.env.FIELDWORK_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
      process.exitCode = 70;
    },
  );
}

/**
 * Runs the command again in a child with `env` (see malloc-relaunch.ts), sharing this process's
 * standard streams; exits as it exits. Signals sent to this process alone are passed on (a
 * terminal's Ctrl+C reaches both, and this process waits for the child's answer to it).
 */
function relaunch(childEnv: Record<string, string | undefined>): void {
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit', env: childEnv });
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  const forward = (s: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(s);
  };
  for (const s of signals) process.on(s, forward);
  child.on('error', (e) => {
    process.stderr.write(`error could not start fieldwork again with its memory settings: ${e.message}\n  hint: set FIELDWORK_MALLOC_RELAUNCH=0 to run in one process.\n`);
    process.exitCode = 70;
  });
  child.on('exit', (code, signal) => {
    for (const s of signals) process.off(s, forward);
    if (signal) process.kill(process.pid, signal);
    else process.exitCode = code ?? 70;
  });
}
