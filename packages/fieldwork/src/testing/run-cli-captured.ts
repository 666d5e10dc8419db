import { runCli } from '../cli/program.js';

/**
 * Runs the CLI in this process on the default SQLite store (FIELDWORK_DATABASE_URL set aside)
 * and returns its exit code and what it wrote, for tests of one command.
 *
 * @example
 * const { code, stdout } = await runCliCaptured(['--workspace', dir, 'collect', '--json'])
 */
export async function runCliCaptured(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const writeOut = process.stdout.write;
  const writeErr = process.stderr.write;
  process.stdout.write = ((c: string | Uint8Array) => ((stdout += String(c)), true)) as typeof process.stdout.write;
  process.stderr.write = ((c: string | Uint8Array) => ((stderr += String(c)), true)) as typeof process.stderr.write;
  const url = process.env.FIELDWORK_DATABASE_URL;
  delete process.env.FIELDWORK_DATABASE_URL;
  try {
    return { code: await runCli(args), stdout, stderr };
  } finally {
    process.stdout.write = writeOut;
    process.stderr.write = writeErr;
    if (url !== undefined) process.env.FIELDWORK_DATABASE_URL = url;
  }
}
