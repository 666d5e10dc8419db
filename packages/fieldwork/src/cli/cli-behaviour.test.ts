import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { reportError } from './output.js';
import { runCliCaptured } from '../testing/run-cli-captured.js';

// The built binary, run as a user runs it: `npm test` builds it first (tsc -b).
const MAIN = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const tmp = () => mkdtempSync(join(tmpdir(), 'fieldwork-behaviour-'));
const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
const ENV = { ...process.env, NO_COLOR: '1', FIELDWORK_DEBUG: '' };

const run = runCliCaptured;

/** `fieldwork <args> | <reader>` in a shell: fieldwork's own exit code and stderr. */
function piped(args: string[], reader: string): { code: number; stderr: string } {
  const script = `${q(process.execPath)} ${q(MAIN)} ${args.map(q).join(' ')} 2>"$ERR" | ${reader}; exit "\${PIPESTATUS[0]}"`;
  const err = join(tmp(), 'stderr');
  const r = spawnSync('bash', ['-c', script], { encoding: 'utf8', env: { ...ENV, ERR: err } });
  return { code: r.status ?? -1, stderr: existsSync(err) ? readFileSync(err, 'utf8') : '' };
}

/**
 * Runs `fieldwork init` on a pseudo-terminal (util-linux `script`), waits for the first
 * question, then sends `key` as a person would type it.
 */
function atPrompt(dir: string, key: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qec', `${q(process.execPath)} ${q(MAIN)} init --workspace ${q(dir)}`, '/dev/null'], { env: ENV });
    let output = '';
    let sent = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no exit after the key; output so far: ${JSON.stringify(output)}`));
    }, 40_000);
    child.stdout.on('data', (c: Buffer) => {
      output += c.toString('utf8');
      if (!sent && output.includes('Compliance owner name:')) {
        sent = true;
        child.stdin.write(key);
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, output });
    });
  });
}

/** The lines of stderr that are not a warning (the new workspace's empty window is named on every command). */
const errorLines = (stderr: string) => stderr.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('warning '));

describe('a CLI that behaves in pipes', () => {
  const dir = tmp();
  spawnSync(process.execPath, [MAIN, 'init', '--yes', '--workspace', dir, '--owner-name', 'Ada Lovelace', '--owner-email', 'ada@relaylabs.ai'], { env: ENV });

  it.each([
    // --strict: the exceptions found would exit 1, but a reader that left is not a finding.
    [['check', '--strict', '--all', '--workspace', dir]],
    [['catalog', 'criteria']],
    [['plan', '--workspace', dir]],
    [['audit', '--workspace', dir]],
  ])('%j into a reader that has gone: exit 0, no error on stderr', (args) => {
    // The reader exits before fieldwork has started, so every write meets a closed pipe.
    const r = piped(args, '(exit 0)');
    expect(r.code).toBe(0);
    expect(errorLines(r.stderr)).toEqual([]);
  });

  it('check --json | head -1 exits 0 with no error on stderr', () => {
    const r = piped(['check', '--json', '--all', '--workspace', dir], 'head -1 >/dev/null');
    expect(r.code).toBe(0);
    expect(errorLines(r.stderr)).toEqual([]);
  });
});

describe('leaving a question', () => {
  it.each([
    ['Ctrl+D', '\u0004'],
    ['Ctrl+C', '\u0003'],
  ])('%s at a prompt of init exits 130 with one line, and writes nothing', async (how, key) => {
    const dir = tmp();
    const { code, output } = await atPrompt(dir, key);
    expect(code).toBe(130);
    const after = output.slice(output.indexOf('Compliance owner name:')).split(/\r?\n/).slice(1).filter((l) => l.trim());
    expect(after).toEqual([`Stopped at a question (${how}); nothing was written.`]);
    expect(existsSync(join(dir, 'fieldwork.yaml'))).toBe(false);
  });
});

describe('date flags', () => {
  it.each([
    [['check', '--from', '2026-13-01'], '--from'],
    [['check', '--to', '2026-02-30'], '--to'],
    [['audit', '--type', '1', '--as-of', '2026-1-5'], '--as-of'],
    [['init', '--yes', '--start', 'tomorrow'], '--start'],
    [['init', '--yes', '--from', '2026-00-10', '--to', '2026-06-30'], '--from'],
    [['records', 'person', '--as-of', '2026-02-30'], '--as-of'],
    [['evidence', 'list', '--as-of', '2026-13-01'], '--as-of'],
    [['evidence', 'add', 'GOV-01', '--covers', '2026-Q2', '--by', 'ada@relaylabs.ai', '--statement', 'held', '--performed', '2026-02-30'], '--performed'],
    [['evidence', 'add', 'HR-04', '--covers', '2026', '--by', 'ada@relaylabs.ai', '--valid-until', '2026-13-01'], '--valid-until'],
    ...(['--due', '--created', '--reviewed'] as const).map((flag) => [['risks', 'add', '--id', 'R-99', '--title', 'A risk', '--category', 'security', '--likelihood', '2', '--impact', '2', flag, '2026-02-30'], flag] as [string[], string]),
  ])('%j exits 2 naming %s, before touching the workspace', async (args, flag) => {
    const dir = tmp();
    const r = await run([...args, '--workspace', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${flag} "`);
    expect(r.stderr).toMatch(/is not a calendar date/);
    expect(existsSync(join(dir, 'fieldwork.yaml'))).toBe(false);
  });

  it('a real leap day is a date', async () => {
    const dir = tmp();
    expect((await run(['init', '--yes', '--workspace', dir, '--from', '2028-02-29', '--to', '2028-08-31'])).code).toBe(0);
  });
});

describe('no verdict without evidence, on the command line', () => {
  it('init then check with no evidence: no control passes, and init says which window it chose', async () => {
    const dir = tmp();
    const init = await run(['init', '--yes', '--workspace', dir, '--owner-name', 'Ada Lovelace', '--owner-email', 'ada@relaylabs.ai']);
    expect(init.stdout).toMatch(/Report window: Type II window the last six months up to today \(\d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}\)/);
    const check = JSON.parse((await run(['check', '--json', '--all', '--workspace', dir])).stdout);
    expect(check.summary.pass).toBe(0);
    expect(check.results.filter((r: { status: string; population: number }) => r.status === 'pass')).toEqual([]);
    const plan = JSON.parse((await run(['plan', '--json', '--workspace', dir])).stdout);
    for (const id of ['mfa-sso', 'deprovisioning', 'change']) expect(plan.tasks.find((t: { id: string }) => t.id === id).status).not.toBe('done');
    // Every command that uses the window names it as empty (nothing dated collected), with what to do.
    await run(['collect', '--workspace', dir]);
    const empty = /No dated evidence has been collected yet: the period \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2} is empty.*fieldwork collect/;
    for (const args of [['check'], ['check', '--json'], ['plan'], ['audit'], ['report', '--format', 'md'], ['evidence', 'list']]) expect((await run([...args, '--workspace', dir])).stderr, args.join(' ')).toMatch(empty);
  });

  it('names a future window on every command that uses it, with the fix', async () => {
    const dir = tmp();
    const init = await run(['init', '--yes', '--workspace', dir, '--from', '2099-03-07', '--to', '2099-09-04', '--owner-name', 'Ada Lovelace', '--owner-email', 'ada@relaylabs.ai']);
    const future = /The period 2099-03-07 to 2099-09-04 lies in the future .*--from\/--to.*scope\.report/;
    expect(init.stderr).toMatch(future);
    for (const args of [['check'], ['check', '--json'], ['plan'], ['audit'], ['evidence', 'list']]) expect((await run([...args, '--workspace', dir])).stderr, args.join(' ')).toMatch(future);
    expect((await run(['audit', '--type', '1', '--as-of', '2099-03-07', '--workspace', dir])).stderr).toMatch(/The date 2099-03-07 lies in the future .*--from\/--to/);
    await run(['check', '--workspace', dir]);
    expect((await run(['report', '--format', 'md', '--workspace', dir])).stderr).toMatch(future);
    // A past window is not in the future; with nothing dated collected it is named as empty instead.
    const past = (await run(['check', '--from', '2026-01-01', '--to', '2026-03-31', '--workspace', dir])).stderr;
    expect(past).not.toMatch(/future|ends after today/);
    expect(past).toMatch(/the period 2026-01-01 to 2026-03-31 is empty/);
  });

  it('init --yes writes a placeholder owner, says so, keeps the plan task open, and the placeholder cannot approve', async () => {
    const dir = tmp();
    expect((await run(['init', '--yes', '--workspace', dir])).stderr).toContain('The compliance owner is a placeholder');
    const plan = JSON.parse((await run(['plan', '--json', '--workspace', dir])).stdout);
    expect(plan.tasks.find((t: { id: string }) => t.id === 'owner')).toMatchObject({ status: 'open' });
    const approve = await run(['policy', 'approve', 'access-control', '--by', 'Compliance Owner', '--workspace', dir]);
    expect(approve.code).toBe(2);
    expect(approve.stderr).toContain('placeholder');
  });

  it('refuses an approval by someone the workspace does not name, listing who may approve (exit 2)', async () => {
    const dir = tmp();
    await run(['init', '--yes', '--workspace', dir, '--owner-name', 'Ada Lovelace', '--owner-email', 'ada@relaylabs.ai']);
    const r = await run(['policy', 'approve', 'access-control', '--by', 'Random Person', '--workspace', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Random Person is not named in fieldwork.yaml');
    expect(r.stderr).toContain('Approvers: Ada Lovelace <ada@relaylabs.ai>');
    expect(readFileSync(join(dir, 'policies', 'access-control.md'), 'utf8')).not.toMatch(/approved_by: Random/);
  });
});

describe('no stack trace reaches a user', () => {
  it('an unexpected error prints one message and a hint, the stack only with FIELDWORK_DEBUG=1', () => {
    const bug = new Error('something impossible');
    let stderr = '';
    const e = vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => ((stderr += String(c)), true));
    const saved = process.env.FIELDWORK_DEBUG;
    try {
      delete process.env.FIELDWORK_DEBUG;
      expect(reportError(bug, false)).toBe(70);
      expect(stderr).toContain('something impossible');
      expect(stderr).not.toMatch(/\n\s+at /);
      stderr = '';
      process.env.FIELDWORK_DEBUG = '1';
      reportError(bug, false);
      expect(stderr).toMatch(/\n\s+at /);
    } finally {
      e.mockRestore();
      if (saved === undefined) delete process.env.FIELDWORK_DEBUG;
      else process.env.FIELDWORK_DEBUG = saved;
    }
  });
});
