import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exitCodeFor } from '@fieldwork/core/errors';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestStore, TEST_DIALECTS } from '../testing/index.js';
import type { TestStore } from '../testing/index.js';
import { collectSources } from './collect-sources.js';
import type { SourceOutcome } from './collect-sources.js';
import { resolveSourceFiles } from './resolve-files.js';

const POLICY = '---\nid: access-control\ntitle: Access control\nversion: "1.0"\nowner: Maya\n---\n# Access\n';

/** A host file outside any workspace: the thing a committed symlink must never pull in. */
function hostSecret(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fieldwork-host-'));
  const f = join(dir, 'shadow');
  writeFileSync(f, 'root:$6$secret-hash:19000:0:99999:7:::\n');
  return f;
}

const exit = (o: SourceOutcome) => (o.error ? exitCodeFor(o.error.code) : 0);

for (const dialect of TEST_DIALECTS) {
  describe(`folder and glob sources stay inside (${dialect})`, () => {
    let t: TestStore;
    afterEach(async () => t?.dispose());

    async function collect(source: Record<string, unknown>): Promise<SourceOutcome> {
      const [o] = await collectSources({ workspaceDir: t.dir, timezone: 'UTC', store: t.store, sources: [{ name: 'policies', kind: 'policies-md', ...source }] });
      return o;
    }

    it('refuses a symlink out of the folder (policies/README.txt → a host file): nothing of it reaches the ledger or the blobs', async () => {
      t = await openTestStore(dialect);
      mkdirSync(join(t.dir, 'policies'));
      writeFileSync(join(t.dir, 'policies', 'access-control.md'), POLICY);
      symlinkSync(hostSecret(), join(t.dir, 'policies', 'README.md'));
      const o = await collect({ path: 'policies' });
      expect(o.status).toBe('failed');
      expect(exit(o)).toBe(3);
      expect(o.error).toMatchObject({ code: 'INPUT_UNSAFE_PATH', where: { file: 'policies/README.md' } });
      expect(o.error!.hint).toContain('followSymlinks');
      expect(await t.store.ledger()).toEqual([]);
      expect(await t.store.blobs.list()).toEqual([]);
    });

    it('follows such a link only when the source says followSymlinks: true', async () => {
      t = await openTestStore(dialect);
      mkdirSync(join(t.dir, 'policies'));
      const outside = mkdtempSync(join(tmpdir(), 'fieldwork-shared-policies-'));
      writeFileSync(join(outside, 'access-control.md'), POLICY);
      symlinkSync(join(outside, 'access-control.md'), join(t.dir, 'policies', 'access-control.md'));
      expect((await collect({ path: 'policies' })).error?.code).toBe('INPUT_UNSAFE_PATH');
      const o = await collect({ path: 'policies', followSymlinks: true });
      expect(o).toMatchObject({ status: 'collected', records: 1 });
    });

    it('follows a symlink that stays inside the folder, reading each file once', async () => {
      t = await openTestStore(dialect);
      mkdirSync(join(t.dir, 'policies', 'current'), { recursive: true });
      writeFileSync(join(t.dir, 'policies', 'current', 'access-control.md'), POLICY);
      symlinkSync(join(t.dir, 'policies', 'current'), join(t.dir, 'policies', 'latest'));
      symlinkSync(join(t.dir, 'policies'), join(t.dir, 'policies', 'current', 'loop-back'));
      const files = resolveSourceFiles(t.dir, { name: 'p', path: 'policies', fileTypes: ['.md'] });
      expect(files.map((f) => f.slice(t.dir.length + 1))).toEqual(['policies/current/access-control.md']);
    });

    it('refuses a dangling and a looping symlink with exit 3, naming the link', async () => {
      t = await openTestStore(dialect);
      mkdirSync(join(t.dir, 'a'));
      writeFileSync(join(t.dir, 'a', 'access-control.md'), POLICY);
      symlinkSync(join(t.dir, 'a', 'gone.md'), join(t.dir, 'a', 'dangling.md'));
      const dangling = await collect({ path: 'a' });
      expect(exit(dangling)).toBe(3);
      expect(dangling.error).toMatchObject({ code: 'INPUT_NOT_FOUND', where: { file: 'a/dangling.md' } });
      mkdirSync(join(t.dir, 'b'));
      symlinkSync(join(t.dir, 'b', 'y.md'), join(t.dir, 'b', 'x.md'));
      symlinkSync(join(t.dir, 'b', 'x.md'), join(t.dir, 'b', 'y.md'));
      const loop = await collect({ path: 'b' });
      expect(exit(loop)).toBe(3);
      expect(loop.error).toMatchObject({ code: 'INPUT_MALFORMED', where: { file: 'b/x.md' } });
      expect(loop.error!.message).toContain('symlink loop');
      // The configured path itself may be the dangling link.
      symlinkSync(join(t.dir, 'nowhere'), join(t.dir, 'c'));
      expect((await collect({ path: 'c' })).error).toMatchObject({ code: 'INPUT_NOT_FOUND' });
    });

    it('refuses a path or glob outside the workspace unless outsideWorkspace: true', async () => {
      t = await openTestStore(dialect);
      const outside = mkdtempSync(join(tmpdir(), 'fieldwork-exports-'));
      writeFileSync(join(outside, 'access-control.md'), POLICY);
      const rel = join('..', outside.split('/').pop()!);
      for (const source of [{ path: outside }, { path: rel }, { glob: `${rel}/*.md` }]) {
        const o = await collect(source);
        expect(exit(o)).toBe(3);
        expect(o.error).toMatchObject({ code: 'INPUT_UNSAFE_PATH', where: { file: 'fieldwork.yaml' } });
      }
      // A folder inside the workspace that is a symlink to the outside counts as outside.
      symlinkSync(outside, join(t.dir, 'policies'));
      expect((await collect({ path: 'policies' })).error?.message).toContain('through a symlink');
      expect(await collect({ path: outside, outsideWorkspace: true })).toMatchObject({ status: 'collected', records: 1 });
    });

    it('reads only the file types of the kind from a folder, unless allFiles: true', async () => {
      t = await openTestStore(dialect);
      mkdirSync(join(t.dir, 'policies'));
      writeFileSync(join(t.dir, 'policies', 'access-control.md'), POLICY);
      writeFileSync(join(t.dir, 'policies', 'notes.txt'), 'scratch notes, not evidence\n');
      const o = await collect({ path: 'policies' });
      expect(o).toMatchObject({ status: 'collected' });
      expect(o.artifacts.map((a) => a.name)).toEqual(['policies/access-control.md']);
      expect(resolveSourceFiles(t.dir, { name: 'p', path: 'policies', fileTypes: ['.md'], allFiles: true })).toHaveLength(2);
      // A glob refuses a link it matches, and ignores one it does not.
      symlinkSync(hostSecret(), join(t.dir, 'policies', 'host.md'));
      expect(() => resolveSourceFiles(t.dir, { name: 'p', glob: 'policies/*.md' })).toThrow(expect.objectContaining({ code: 'INPUT_UNSAFE_PATH', where: { file: 'policies/host.md' } }));
      // A glob names its files itself, whatever their type.
      expect(resolveSourceFiles(t.dir, { name: 'p', glob: 'policies/*.txt', fileTypes: ['.md'] })).toHaveLength(1);
    });

    it('a restore-test folder keeps every file as evidence (the logs and screenshots the records name)', async () => {
      t = await openTestStore(dialect);
      mkdirSync(join(t.dir, 'restores'));
      writeFileSync(join(t.dir, 'restores', 'memory.log'), '41,203 objects restored\n');
      writeFileSync(join(t.dir, 'restores', 'memory.yaml'), 'resource: s3://memory\nperformed_at: 2026-05-20 10:30\nperformed_by: dana@x.ai\nresult: success\nevidence: memory.log\n');
      const [o] = await collectSources({ workspaceDir: t.dir, timezone: 'UTC', store: t.store, sources: [{ name: 'restores', kind: 'restore-test-yaml', path: 'restores' }] });
      expect(o.artifacts.map((a) => [a.name, a.status])).toEqual([['restores/memory.log', 'collected'], ['restores/memory.yaml', 'collected']]);
    });

    it('an empty folder is missing evidence (exit 3 naming the source), not "unchanged"', async () => {
      t = await openTestStore(dialect);
      mkdirSync(join(t.dir, 'policies'));
      writeFileSync(join(t.dir, 'policies', 'notes.txt'), 'not a policy\n');
      const o = await collect({ path: 'policies' });
      expect(o.status).toBe('failed');
      expect(exit(o)).toBe(3);
      expect(o.error).toMatchObject({ code: 'INPUT_NOT_FOUND', where: { file: 'policies' } });
      expect(o.error!.message).toContain('Source "policies"');
      expect(o.error!.message).toContain('.md');
    });
  });
}
