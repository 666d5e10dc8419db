/**
 * @module The `fieldwork` command-line entry point.
 */
import { runCli } from './program.js';
import { watchClosedPipes, pipeClosed } from './output.js';

watchClosedPipes();

runCli(process.argv.slice(2)).then(
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
