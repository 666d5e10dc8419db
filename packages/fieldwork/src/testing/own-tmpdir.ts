import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';

/**
 * Gives every test of the calling file a temporary folder of its own as TMPDIR (os.tmpdir() reads
 * it), removed after the test: tests that count the scratch files a collector leaves in the
 * temporary folder then do not see those of collects running beside them.
 */
export function useOwnTmpdir(): void {
  const systemTmp = process.env.TMPDIR;
  let own = '';
  beforeEach(() => {
    own = mkdtempSync(join(tmpdir(), 'fieldwork-test-'));
    process.env.TMPDIR = own;
  });
  afterEach(() => {
    if (systemTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = systemTmp;
    rmSync(own, { recursive: true, force: true });
  });
}
