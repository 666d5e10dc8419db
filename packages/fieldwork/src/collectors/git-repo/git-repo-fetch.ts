import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { promisify } from 'node:util';
import { FieldworkError } from '@fieldwork/core/errors';
import type { FetchContext, FetchedArtifact } from '../collector.js';
import type { GitRepoOptions } from './git-repo-config.js';

const run = promisify(execFile);

/**
 * The `git log` format the artifact is written in: one record per commit, each starting with
 * an ASCII record separator, readable headers, then the full message (trailers included).
 */
export const GIT_LOG_FORMAT = '%x1ecommit %H%nparents %P%nauthor %an <%ae> %aI%ncommitter %cn <%ce> %cI%n%n%B';

/** `owner/name` from a GitHub-style remote URL (`git@github.com:o/r.git`, `https://host/o/r`). */
export function repoFromRemote(url: string): string | undefined {
  const m = /[:/]([^/:\s]+)\/([^/\s]+?)(?:\.git)?\/?$/.exec(url.trim());
  return m ? `${m[1]}/${m[2]}` : undefined;
}

async function git(args: string[], cwd: string): Promise<Buffer> {
  const { stdout } = await run('git', args, { cwd, encoding: 'buffer', maxBuffer: 2 * 1024 ** 3, env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' } });
  return stdout;
}

/**
 * Runs `git log --first-parent` on the clone and yields its exact output as the artifact. The
 * name records the command and the repository, which the output itself does not carry.
 */
export async function* fetchGitLog(options: GitRepoOptions, ctx: FetchContext): AsyncGenerator<FetchedArtifact> {
  const dir = ctx.resolve(options.path);
  if (!existsSync(dir)) {
    throw new FieldworkError('INPUT_NOT_FOUND', `Source ${ctx.source}: ${options.path} does not exist.`, { where: { file: options.path }, hint: 'options.path is the clone\'s folder, relative to the workspace.' });
  }
  let repo = options.repo;
  if (!repo) {
    const remote = await git(['remote', 'get-url', 'origin'], dir).then((b) => b.toString('utf8'), () => '');
    repo = repoFromRemote(remote) ?? basename(dir);
  }
  const args = ['log', '--first-parent', `--format=${GIT_LOG_FORMAT}`, ...(options.since ? [`--since=${options.since}`] : []), options.branch, '--'];
  let bytes: Buffer;
  try {
    bytes = await git(args, dir);
  } catch (e) {
    const stderr = String((e as { stderr?: Buffer }).stderr ?? (e as Error).message).trim().split('\n')[0];
    throw new FieldworkError('SOURCE_BAD_OPTIONS', `Source ${ctx.source}: git log in ${options.path} failed: ${stderr}`, {
      hint: /not a git repository/i.test(stderr) ? 'options.path must be a clone (a folder with .git).' : `Check options.branch (${options.branch}); in a fresh clone use origin/${options.branch.replace(/^origin\//, '')}.`,
    });
  }
  ctx.log(`git: ${repo} ${options.branch}: ${bytes.length} bytes of history`);
  yield { name: `git log --first-parent ${options.branch}${options.since ? ` --since=${options.since}` : ''} [repo ${repo}]`, bytes, mediaType: 'text/plain' };
}
