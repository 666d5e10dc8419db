import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runCli } from '../program.js';

/** Runs the CLI in-process and captures what it prints. */
async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => ((stdout += String(c)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => ((stderr += String(c)), true));
  try {
    return { code: await runCli(args), stdout, stderr };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe('fieldwork demo --stack', () => {
  it('refuses an unknown stack with a usage error and writes nothing', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'fieldwork-demo-')), 'ws');
    const r = await cli(['demo', '--stack', 'okta-linear', '--dir', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--stack okta-linear: use okta-jira or entra-linear.');
    expect(existsSync(dir)).toBe(false);
  });
});
