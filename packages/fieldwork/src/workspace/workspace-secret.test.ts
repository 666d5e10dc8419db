import { chmodSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isFieldworkError } from '@fieldwork/core';
import { scratchDir } from '../testing/index.js';
import { createPseudonymizer, normalizeIdentifier } from './pseudonymizer.js';
import { loadWorkspaceSecret, SECRET_FILE } from './workspace-secret.js';

const refused = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (isFieldworkError(e)) return e;
    throw e;
  }
  throw new Error('expected a FieldworkError');
};

describe('the workspace secret', () => {
  let dir: string;
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());
  const fresh = () => {
    const s = scratchDir('fw-secret-');
    dir = s.dir;
    cleanup = s.remove;
    return dir;
  };

  it('is created once, 0600, and read back the same', () => {
    fresh();
    const first = loadWorkspaceSecret(dir, {});
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(join(dir, SECRET_FILE)).mode & 0o777).toBe(0o600);
    expect(loadWorkspaceSecret(dir, {})).toBe(first);
  });

  it('lives outside the evidence store and is added to the .gitignore once', () => {
    fresh();
    writeFileSync(join(dir, '.gitignore'), 'node_modules/');
    loadWorkspaceSecret(dir, {});
    expect(SECRET_FILE.startsWith('.fieldwork/')).toBe(false);
    rmSync(join(dir, SECRET_FILE));
    loadWorkspaceSecret(dir, {});
    expect(readFileSync(join(dir, '.gitignore'), 'utf8').split('\n').filter((l) => l === SECRET_FILE)).toHaveLength(1);
    expect(readFileSync(join(dir, '.gitignore'), 'utf8').startsWith('node_modules/\n')).toBe(true);
  });

  it('comes from FIELDWORK_SECRET first, which must be long enough', () => {
    fresh();
    expect(loadWorkspaceSecret(dir, { FIELDWORK_SECRET: `  ${'k'.repeat(40)}\n` })).toBe('k'.repeat(40));
    expect(() => statSync(join(dir, SECRET_FILE))).toThrow();
    expect(refused(() => loadWorkspaceSecret(dir, { FIELDWORK_SECRET: 'short' })).code).toBe('CONFIG_INVALID');
  });

  it('refuses a key file other users can read, naming it and the fix', () => {
    fresh();
    mkdirSync(join(dir, '.fieldwork'), { recursive: true });
    writeFileSync(join(dir, SECRET_FILE), 'a'.repeat(64));
    chmodSync(join(dir, SECRET_FILE), 0o644);
    const e = refused(() => loadWorkspaceSecret(dir, {}));
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.where?.file).toBe(join(dir, SECRET_FILE));
    expect(e.hint).toContain('chmod 600');
    expect(readFileSync(join(dir, SECRET_FILE), 'utf8')).toBe('a'.repeat(64));
  });
});

describe('createPseudonymizer', () => {
  it('gives h: and 24 hex characters, the same for one person and different per secret', () => {
    const a = createPseudonymizer('a'.repeat(32));
    const b = createPseudonymizer('b'.repeat(32));
    expect(a('ada@example.com')).toMatch(/^h:[0-9a-f]{24}$/);
    expect(a(' Ada@Example.COM')).toBe(a('ada@example.com'));
    expect(a('User-1')).not.toBe(a('user-1'));
    expect(b('ada@example.com')).not.toBe(a('ada@example.com'));
    expect(normalizeIdentifier(' Ada@Example.COM ')).toBe('ada@example.com');
  });

  it('matches the documented openssl recipe (HMAC-SHA256, first 24 hex characters)', async () => {
    const { createHmac } = await import('node:crypto');
    const secret = 'c'.repeat(40);
    expect(createPseudonymizer(secret)('ada@example.com')).toBe(`h:${createHmac('sha256', secret).update('ada@example.com').digest('hex').slice(0, 24)}`);
  });
});
