import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeRecord } from '@fieldwork/core/records';
import { isFieldworkError } from '@fieldwork/core/errors';
import { openTestStore, parseFile, TEST_DIALECTS } from '../../testing/index.js';
import { collectSources } from '../collect-sources.js';
import { gitRepoCollector } from './git-repo-collector.js';
import { repoFromRemote } from './git-repo-fetch.js';

const root = mkdtempSync(join(tmpdir(), 'fieldwork-git-repo-'));
const clone = join(root, 'agent-api');

function git(args: string[], date: string, who = { name: 'Ada Okafor', email: 'ada.okafor@relaylabs.ai' }): string {
  return execFileSync('git', args, {
    cwd: clone, encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: who.name, GIT_AUTHOR_EMAIL: who.email, GIT_COMMITTER_NAME: who.name, GIT_COMMITTER_EMAIL: who.email, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, GIT_CONFIG_NOSYSTEM: '1', HOME: root },
  }).trim();
}
function change(file: string, text: string, message: string, date: string, who?: { name: string; email: string }): string {
  writeFileSync(join(clone, file), text);
  git(['add', file], date, who);
  git(['commit', '-q', '-m', message], date, who);
  return git(['rev-parse', 'HEAD'], date);
}

const ben = { name: 'Ben Osei', email: '1234+benosei@users.noreply.github.com' };
let featureHead = '';

beforeAll(() => {
  mkdirSync(clone);
  git(['init', '-q', '-b', 'main'], '2026-04-01T09:00:00Z');
  git(['remote', 'add', 'origin', 'git@github.com:relaylabs/agent-api.git'], '2026-04-01T09:00:00Z');
  change('README.md', 'agent api\n', 'Initial import', '2026-04-01T09:00:00-07:00');
  // A pull request merged with a merge commit; its branch commits must not count as direct pushes.
  git(['checkout', '-q', '-b', 'eng-2-retries'], '2026-04-02T09:00:00Z');
  change('retry.ts', 'export {}\n', 'Add retries', '2026-04-02T10:00:00-07:00');
  featureHead = change('retry.ts', 'export const retries = 3;\n', 'Tune retries', '2026-04-02T11:00:00-07:00');
  git(['checkout', '-q', 'main'], '2026-04-02T12:00:00Z');
  git(['merge', '-q', '--no-ff', 'eng-2-retries', '-m', 'Merge pull request #2 from relaylabs/eng-2-retries', '-m', 'ENG-2 Retry tool calls', '-m', 'Reviewed-by: Ben Osei <1234+benosei@users.noreply.github.com>'], '2026-04-02T13:00:00-07:00', ben);
  // A squash merge with an approval trailer.
  change('cache.ts', 'export {}\n', 'ENG-3 Cache prompts (#3)\n\nApproved-by: Ben Osei <ben.osei@relaylabs.ai>', '2026-04-03T10:00:00-07:00');
  // A direct push, flagged as an emergency.
  change('token.ts', 'export {}\n', 'Rotate the signing key\n\nEmergency: yes', '2026-04-04T02:30:00-07:00');
  // A plain direct push.
  change('README.md', 'agent api v2\n', 'Update readme', '2026-04-05T10:00:00-07:00');
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

const sources = (options: Record<string, unknown> = {}) => [{ name: 'agent-api', kind: 'git-repo', options: { path: 'agent-api', ...options } }];

describe('git-repo on a real repository', () => {
  for (const dialect of TEST_DIALECTS) {
    it(`reads merges, squash merges, trailers and direct pushes, once (${dialect})`, async () => {
      const t = await openTestStore(dialect);
      try {
        const [out] = await collectSources({ workspaceDir: root, timezone: 'UTC', sources: sources(), store: t.store });
        expect(out.error).toBeUndefined();
        expect(out.artifacts[0].name).toBe('git log --first-parent main [repo relaylabs/agent-api]');
        const changes = ((await t.store.loadRecords(['change'])).change ?? []) as ChangeRecord[];
        const by = (title: string) => changes.find((c) => c.title === title)!;
        expect(changes.map((c) => c.title).sort()).toEqual(['ENG-2 Retry tool calls', 'ENG-3 Cache prompts', 'Initial import', 'Rotate the signing key', 'Update readme']);
        expect(by('ENG-2 Retry tool calls')).toMatchObject({
          repo: 'relaylabs/agent-api', number: 2, via: 'pull_request', headCommit: featureHead, author: 'benosei', targetBranch: 'main',
          mergedAt: '2026-04-02T20:00:00.000Z', reviews: [{ reviewer: 'benosei', state: 'APPROVED' }], ticketRefs: ['ENG-2'],
        });
        expect(by('ENG-3 Cache prompts')).toMatchObject({ number: 3, via: 'pull_request', author: 'ada.okafor@relaylabs.ai', reviews: [{ reviewer: 'ben.osei@relaylabs.ai', state: 'APPROVED' }] });
        expect(by('Rotate the signing key')).toMatchObject({ via: 'direct_push', emergency: true, mergedAt: '2026-04-04T09:30:00.000Z' });
        expect(by('Update readme')).toMatchObject({ via: 'direct_push', emergency: false, locator: 'line 1' });
        expect(changes.some((c) => c.title === 'Tune retries' || c.title === 'Add retries')).toBe(false);

        const [again] = await collectSources({ workspaceDir: root, timezone: 'UTC', sources: sources(), store: t.store });
        expect(again.status).toBe('unchanged');
      } finally {
        await t.dispose();
      }
    });
  }

  it('reads only commits since a date', async () => {
    const t = await openTestStore('sqlite');
    try {
      const [out] = await collectSources({ workspaceDir: root, timezone: 'UTC', sources: sources({ since: '2026-04-04T00:00:00Z' }), store: t.store });
      expect(out.records).toBe(2);
    } finally {
      await t.dispose();
    }
  });

  it('explains a wrong branch and a folder that is not a clone', async () => {
    const t = await openTestStore('sqlite');
    try {
      const [bad] = await collectSources({ workspaceDir: root, timezone: 'UTC', sources: sources({ branch: 'nope' }), store: t.store });
      expect(bad.error).toMatchObject({ code: 'SOURCE_BAD_OPTIONS' });
      expect(bad.error?.hint).toMatch(/origin\/nope/);
      mkdirSync(join(root, 'plain'), { recursive: true });
      const [plain] = await collectSources({ workspaceDir: root, timezone: 'UTC', sources: [{ kind: 'git-repo', options: { path: 'plain' } }], store: t.store });
      expect(plain.error?.code).toBe('SOURCE_BAD_OPTIONS');
    } finally {
      await t.dispose();
    }
  });

  it('refuses a file that is not its git log output, and a record cut short', async () => {
    const notLog = join(root, 'notes.txt');
    writeFileSync(notLog, 'some notes\n');
    const err = await parseFile(gitRepoCollector, notLog, { path: '.' }).catch((e: unknown) => e);
    expect(isFieldworkError(err) && err.code).toBe('INPUT_WRONG_FORMAT');
    const cut = join(root, 'cut.log');
    writeFileSync(cut, '\x1ecommit 0123456789abcdef0123456789abcdef01234567\nparents \nauthor Ada <ada@x> 2026-04-01T09:00:00Z\n');
    const err2 = await parseFile(gitRepoCollector, cut, { path: '.' }).catch((e: unknown) => e);
    expect(isFieldworkError(err2) && err2.code).toBe('INPUT_MALFORMED');
  });

  it('derives owner/name from remote URLs', () => {
    expect(repoFromRemote('git@github.com:relaylabs/agent-api.git')).toBe('relaylabs/agent-api');
    expect(repoFromRemote('https://github.com/relaylabs/web')).toBe('relaylabs/web');
  });
});
