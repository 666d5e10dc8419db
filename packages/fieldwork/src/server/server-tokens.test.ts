import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseWorkspace } from '../workspace/index.js';
import { checkTokens, createToken, findToken, hashToken, loadTokenFile } from './server-tokens.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'fw-tokens-'));

describe('API tokens', () => {
  it('creates distinct random tokens whose sha256 is what the workspace stores', () => {
    const a = createToken();
    const b = createToken();
    expect(a.token).toMatch(/^fwk_[A-Za-z0-9_-]{43}$/);
    expect(a.token).not.toBe(b.token);
    expect(a.sha256).toBe(hashToken(a.token));
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('finds the entry a presented token hashes to, and nothing for another token', () => {
    const owner = createToken();
    const auditor = createToken();
    const tokens = [{ name: 'ci', role: 'owner' as const, sha256: owner.sha256 }, { name: 'firm', role: 'auditor' as const, sha256: auditor.sha256 }];
    expect(findToken(auditor.token, tokens)).toEqual({ name: 'firm', role: 'auditor' });
    expect(findToken(owner.token, tokens)).toEqual({ name: 'ci', role: 'owner' });
    expect(findToken(createToken().token, tokens)).toBeUndefined();
    expect(findToken(owner.sha256, tokens)).toBeUndefined();
  });

  it('reads a token file of hashes or plain tokens (YAML or JSON) and hashes the plain ones', () => {
    const dir = tmp();
    const t = createToken();
    const yamlFile = join(dir, 'tokens.yaml');
    writeFileSync(yamlFile, `tokens:\n  - { name: ci, role: owner, token: ${t.token} }\n  - { name: firm, role: auditor, sha256: ${'a'.repeat(64)} }\n`);
    expect(loadTokenFile(yamlFile)).toEqual([{ name: 'ci', role: 'owner', sha256: t.sha256 }, { name: 'firm', role: 'auditor', sha256: 'a'.repeat(64) }]);
    const jsonFile = join(dir, 'tokens.json');
    writeFileSync(jsonFile, JSON.stringify([{ name: 'me', role: 'admin', sha256: t.sha256 }]));
    expect(loadTokenFile(jsonFile)).toEqual([{ name: 'me', role: 'admin', sha256: t.sha256 }]);
  });

  it('refuses a token file with an unknown role, naming the entry', () => {
    const file = join(tmp(), 'tokens.yaml');
    writeFileSync(file, `- { name: ci, role: owner, sha256: ${'b'.repeat(64)} }\n- { name: x, role: root, sha256: ${'c'.repeat(64)} }\n`);
    expect(() => loadTokenFile(file)).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID', where: expect.objectContaining({ file, pointer: '/1/role' }) }));
    expect(() => loadTokenFile(join(tmp(), 'missing.yaml'))).toThrow(expect.objectContaining({ code: 'CONFIG_NOT_FOUND' }));
  });

  it('refuses one hash listed twice', () => {
    const sha256 = 'd'.repeat(64);
    expect(() => checkTokens([{ name: 'a', role: 'owner', sha256 }, { name: 'b', role: 'auditor', sha256 }])).toThrow(/Tokens a and b/);
  });

  it('validates server.tokens in fieldwork.yaml: a plain token where the hash belongs is a config error', () => {
    const base = 'organization: X\ntimezone: UTC\nscope: { categories: [security], report: { type: 1, asOf: 2026-01-01 } }\nowners: { compliance: { name: A, email: a@x.io } }\n';
    const ok = parseWorkspace(`${base}server:\n  tokens:\n    - { name: ci, role: owner, sha256: ${'e'.repeat(64)} }\n`, 'fieldwork.yaml');
    expect(ok.server?.tokens[0]).toEqual({ name: 'ci', role: 'owner', sha256: 'e'.repeat(64) });
    expect(() => parseWorkspace(`${base}server:\n  tokens:\n    - { name: ci, role: owner, sha256: ${createToken().token} }\n`, 'fieldwork.yaml')).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });
});
