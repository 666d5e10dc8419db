import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { glibcVersion, MALLOC_ENV, relaunchEnv } from './malloc-relaunch.js';

const linux = (env: Record<string, string | undefined> = {}, glibc: string | null = '2.36') => ({ env, platform: 'linux', glibc: () => glibc ?? undefined });
const MAIN = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

describe('relaunchEnv', () => {
  it.each(['check', 'audit'])('starts %s again with the threshold fixed at 128 KiB, keeping the rest of the environment', (command) => {
    expect(relaunchEnv(command, linux({ HOME: '/h', NO_COLOR: '1' }))).toEqual({ HOME: '/h', NO_COLOR: '1', [MALLOC_ENV]: '131072' });
  });

  it.each([undefined, 'init', 'collect', 'report', 'serve', 'verify', 'help'])('runs %s in this process', (command) => {
    expect(relaunchEnv(command, linux())).toBeUndefined();
  });

  it('does not relaunch off glibc Linux, nor the child, nor when the user set the threshold or opted out', () => {
    let asked = 0;
    const glibc = () => ((asked += 1), '2.36');
    expect(relaunchEnv('check', { env: {}, platform: 'darwin', glibc })).toBeUndefined();
    expect(relaunchEnv('check', { env: {}, platform: 'win32', glibc })).toBeUndefined();
    expect(asked).toBe(0);
    expect(relaunchEnv('check', linux({}, null))).toBeUndefined();
    expect(relaunchEnv('check', linux({ [MALLOC_ENV]: '131072' }))).toBeUndefined();
    expect(relaunchEnv('check', linux({ [MALLOC_ENV]: '1048576' }))).toBeUndefined();
    expect(relaunchEnv('check', linux({ GLIBC_TUNABLES: 'glibc.malloc.mmap_threshold=65536' }))).toBeUndefined();
    expect(relaunchEnv('check', linux({ GLIBC_TUNABLES: 'glibc.malloc.arena_max=2' }))).toBeDefined();
    expect(relaunchEnv('audit', linux({ FIELDWORK_MALLOC_RELAUNCH: '0' }))).toBeUndefined();
    expect(relaunchEnv('audit', linux({ FIELDWORK_MALLOC_RELAUNCH: '1' }))).toBeDefined();
  });

  it('reads glibc from the process report on this machine', () => {
    const v = glibcVersion();
    if (process.platform === 'linux' && v) expect(v).toMatch(/^\d+\.\d+/);
  });
});

describe('the relaunched command', () => {
  // The built CLI, run as a user runs it.
  it('exits as the child exits and prints once (a bad date: exit 2, one message)', () => {
    const r = spawnSync(process.execPath, [MAIN, 'audit', '--type', '1', '--as-of', '2026-13-01', '--workspace', '/nonexistent-fieldwork'], { env: { ...process.env, NO_COLOR: '1' }, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr.match(/is not a calendar date/g)?.length).toBe(1);
  });

  it('sets the threshold in the child only on glibc Linux', () => {
    const r = spawnSync(process.execPath, [MAIN, 'check', '--workspace', '/nonexistent-fieldwork', '--json'], { env: { ...process.env, NODE_OPTIONS: `--require ${JSON.stringify(fileURLToPath(new URL('./malloc-relaunch-probe.cjs', import.meta.url)))}` }, encoding: 'utf8' });
    const seen = r.stderr.split('\n').filter((l) => l.startsWith('malloc-probe ')).map((l) => l.slice('malloc-probe '.length));
    if (process.platform === 'linux' && glibcVersion()) expect(seen).toEqual(['unset', '131072']);
    else expect(seen).toEqual(['unset']);
  });
});
