import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const PACKAGES = ['agent', 'core', 'fieldwork'] as const;

describe('published packages', () => {
  it('each declares the licence of the LICENSE file beside it, a repository and a README', () => {
    const licence = readFileSync(join(ROOT, 'LICENSE'), 'utf8');
    expect(licence).toMatch(/^\s*Apache License\s+Version 2\.0, January 2004/);
    for (const p of PACKAGES) {
      const dir = join(ROOT, 'packages', p);
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { license: string; repository?: { url: string; directory: string }; engines: { node: string } };
      expect(manifest.license, p).toBe('Apache-2.0');
      expect(readFileSync(join(dir, 'LICENSE'), 'utf8'), `${p}/LICENSE`).toBe(licence);
      expect(manifest.repository, p).toMatchObject({ url: expect.stringMatching(/^git\+https:\/\//), directory: `packages/${p}` });
      expect(readFileSync(join(dir, 'README.md'), 'utf8').length, `${p}/README.md`).toBeGreaterThan(200);
      expect(manifest.engines.node).toBe('>=20.11');
    }
  });
});

describe('installing the CLI like a tool', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'fw-install-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('npm install -g of the packed tarball into an empty prefix gives a `fieldwork` that runs init → collect → check → verify in an empty folder', async () => {
    expect(existsSync(join(ROOT, 'packages/fieldwork/dist/cli/main.js')), 'build first: npx tsc -b').toBe(true);
    const packed = await run(process.execPath, [join(ROOT, 'scripts/pack-cli.mjs'), '--out', join(tmp, 'pack')], { cwd: ROOT });
    const tarball = packed.stdout.trim().split('\n').pop()!;
    expect(tarball).toMatch(/fieldwork-\d+\.\d+\.\d+\.tgz$/);

    const prefix = join(tmp, 'prefix');
    // Outside the repository: npm must not see the workspace's package.json or lockfile.
    const env = { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', NO_COLOR: '1' };
    await run('npm', ['install', '-g', '--prefix', prefix, tarball], { cwd: tmp, env, maxBuffer: 16 << 20 });
    const bin = join(prefix, 'bin', 'fieldwork');
    expect(existsSync(bin)).toBe(true);
    const installed = join(prefix, 'lib', 'node_modules', 'fieldwork');
    for (const f of ['LICENSE', 'README.md', 'node_modules/@fieldwork/core/LICENSE', 'node_modules/@fieldwork/agent/README.md']) expect(existsSync(join(installed, f)), f).toBe(true);

    const work = join(tmp, 'acme');
    mkdirSync(work);
    const fw = (...args: string[]) => run(bin, args, { cwd: work, env, maxBuffer: 64 << 20 });
    const version = JSON.parse(readFileSync(join(ROOT, 'packages/fieldwork/package.json'), 'utf8')).version as string;
    expect((await fw('--version')).stdout.trim()).toBe(version);
    await fw('init', '--yes', '--org', 'Acme AI', '--owner-name', 'Ada Lovelace', '--owner-email', 'ada@acme.example');
    expect(existsSync(join(work, 'fieldwork.yaml'))).toBe(true);
    expect((await fw('collect')).stdout).toMatch(/collected policies/);
    const check = JSON.parse((await fw('check', '--json')).stdout) as { results: { control: string; status: string }[] };
    expect(check.results.length).toBeGreaterThan(50);
    // Nothing but the scaffolded policies is collected: no control may pass yet.
    expect(check.results.filter((r) => r.status === 'pass')).toEqual([]);
    expect((await fw('verify')).stdout).toMatch(/ok|verified/i);
  }, 900_000);
});
