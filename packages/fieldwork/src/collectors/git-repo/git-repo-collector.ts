import { FieldworkError } from '@fieldwork/core/errors';
import type { FieldworkRecord } from '@fieldwork/core/records';
import type { ArtifactInput, Collector, ParseContext } from '../collector.js';
import { readLines } from '../input/index.js';
import { gitRepoOptionsSchema } from './git-repo-config.js';
import type { GitRepoOptions } from './git-repo-config.js';
import { fetchGitLog } from './git-repo-fetch.js';
import { mapGitCommit, readGitCommit } from './git-repo-mapper.js';

const RS = '\x1e';

/**
 * A local clone: the first-parent history of a branch, read with `git log`. Merge and squash
 * commits GitHub wrote are pull requests; other commits reached the branch directly.
 */
export const gitRepoCollector: Collector<GitRepoOptions> = {
  kind: 'git-repo',
  snapshotKinds: [],
  description: 'A local git clone: merges, squash merges and direct pushes on a branch (git log --first-parent), with Reviewed-by/Approved-by/Emergency trailers',
  options: gitRepoOptionsSchema,
  mediaType: 'text/plain',
  fetch: (options, ctx) => fetchGitLog(options, ctx),
  parse: (input, options, ctx) => parseGitLog(input, options, ctx),
};

/** Streams the `git log` artifact record by record; the locator is the line a commit starts on. */
async function* parseGitLog(input: ArtifactInput, options: GitRepoOptions, ctx: ParseContext): AsyncGenerator<FieldworkRecord> {
  const repo = /\[repo ([^\]]+)\]/.exec(input.displayName)?.[1] ?? options.repo ?? 'unknown';
  const known = { repo, branch: options.branch, ticketProjects: options.ticketProjects };
  let lines: string[] = [];
  let start = 0;
  let lineNo = 0;
  const flush = (): FieldworkRecord | undefined => {
    if (lines.length === 0) return undefined;
    const c = readGitCommit(lines);
    if ('missing' in c) {
      throw new FieldworkError('INPUT_MALFORMED', `${input.displayName}: the commit at line ${start} lacks "${c.missing}".`, {
        where: { file: input.displayName, line: start + Math.min(lines.length, 4) - 1 },
        hint: 'The git log output is cut short or was not written by Fieldwork\'s format; collect again.',
      });
    }
    return mapGitCommit(c, known, ctx.cite(`line ${start}`));
  };
  for await (const { text: raw } of readLines(input.open(), input.displayName)) {
    lineNo++;
    if (raw.startsWith(RS)) {
      const rec = flush();
      if (rec) yield rec;
      lines = [raw.slice(1)];
      start = lineNo;
    } else if (lines.length === 0) {
      if (raw.trim() === '') continue;
      throw new FieldworkError('INPUT_WRONG_FORMAT', `${input.displayName} is not git log output written by the git-repo source.`, {
        where: { file: input.displayName, line: lineNo },
        hint: 'git-repo runs git itself: put the clone\'s folder in options.path (not the entry\'s path), e.g. options: { path: ../agent-api, branch: main }.',
      });
    } else lines.push(raw);
  }
  const last = flush();
  if (last) yield last;
}
