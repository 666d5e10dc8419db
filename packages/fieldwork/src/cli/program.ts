import { Command, CommanderError } from 'commander';
import type { GlobalOptions } from './context.js';
import { commandToRun } from './command-to-run.js';
import { commands } from './commands/index.js';
import { reportError } from './output.js';

/**
 * Builds the `fieldwork` program (loading only the command `argv` names) and runs it on `argv`; resolves to the exit code instead of
 * exiting, so tests can drive the CLI in-process.
 */
export async function runCli(argv: string[]): Promise<number> {
  let exitCode = 0;
  const setExit = (code: number) => {
    exitCode = Math.max(exitCode, code);
  };
  const program = new Command();
  program
    .name('fieldwork')
    .description('SOC 2 readiness and continuous evidence for AI agent platforms')
    .version('0.1.0')
    .option('-w, --workspace <dir>', 'workspace folder (default: the current folder)')
    .option('--json', 'print machine-readable JSON')
    .showSuggestionAfterError(true)
    .exitOverride();
  const globals = () => program.opts<GlobalOptions>();
  // Only the command being run is loaded; the others are listed by name and summary.
  const wanted = commandToRun(argv);
  for (const entry of commands) {
    if (entry.name === wanted) (await entry.load())(program, globals, setExit);
    else program.command(entry.name).description(entry.summary);
  }
  for (const cmd of program.commands) cmd.exitOverride();
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return 2;
    }
    return reportError(e, !!globals().json);
  }
  return exitCode;
}
