import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashToken } from '../../server/index.js';
import { runCliCaptured } from '../../testing/run-cli-captured.js';

const cli = runCliCaptured;

describe('fieldwork serve', () => {
  it('token create prints a new token once with the sha256 line to add', async () => {
    const a = await cli(['--json', 'serve', 'token', 'create', '--name', 'ci', '--role', 'owner']);
    expect(a.code).toBe(0);
    const out = JSON.parse(a.stdout);
    expect(out).toEqual({ name: 'ci', role: 'owner', token: expect.stringMatching(/^fwk_/), sha256: hashToken(out.token) });
    const text = await cli(['serve', 'token', 'create', '--name', 'Ana Ruiz', '--role', 'auditor']);
    const token = text.stdout.split('\n').find((l) => l.startsWith('fwk_'))!;
    expect(text.stdout).toContain(`- { name: "Ana Ruiz", role: auditor, sha256: ${hashToken(token)} }`);
    expect((await cli(['serve', 'token', 'create', '--name', 'x', '--role', 'root'])).code).toBe(2);
  });

  it('refuses to start without any token, and binds --insecure-local to loopback only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fw-serve-cli-'));
    expect((await cli(['init', '--yes', '--workspace', dir])).code).toBe(0);
    const none = await cli(['serve', '--workspace', dir, '--port', '0']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('No API token is configured');
    const open = await cli(['serve', '--workspace', dir, '--insecure-local', '--host', '0.0.0.0']);
    expect(open.code).toBe(2);
    expect(open.stderr).toContain('127.0.0.1 only');
    expect((await cli(['serve', '--workspace', dir, '--port', 'http'])).code).toBe(2);
  });
});
