import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../testing/run-cli-captured.js';

const cli = runCliCaptured;

describe('fieldwork demo --stack', () => {
  it('refuses an unknown stack with a usage error and writes nothing', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'fieldwork-demo-')), 'ws');
    const r = await cli(['demo', '--stack', 'okta-linear', '--dir', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--stack okta-linear: use okta-jira or entra-linear.');
    expect(existsSync(dir)).toBe(false);
  });
});
