import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { FieldworkError } from '@fieldwork/core';
import { parse } from 'yaml';
import { z } from 'zod';
import { serverRoles, serverTokenSchema } from './server-config.js';
import type { ServerRole, ServerToken } from './server-config.js';

/** The caller a request was authenticated as. */
export interface Principal {
  name: string;
  role: ServerRole;
}

/** SHA-256 of a token, lowercase hex: what the workspace stores. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * A new random API token (32 bytes from the OS generator, base64url) and its SHA-256.
 *
 * @example
 * const { token, sha256 } = createToken() // token: 'fwk_…', shown once; sha256 goes into fieldwork.yaml
 */
export function createToken(): { token: string; sha256: string } {
  const token = `fwk_${randomBytes(32).toString('base64url')}`;
  return { token, sha256: hashToken(token) };
}

/**
 * The token entry whose hash matches `presented`, or undefined. Every entry is compared with
 * `timingSafeEqual` (no early exit), so the response time does not tell how close a guess was.
 */
export function findToken(presented: string, tokens: readonly ServerToken[]): Principal | undefined {
  const digest = Buffer.from(hashToken(presented), 'hex');
  let found: ServerToken | undefined;
  for (const t of tokens) {
    const candidate = Buffer.from(t.sha256, 'hex');
    if (candidate.length === digest.length && timingSafeEqual(candidate, digest) && !found) found = t;
  }
  return found ? { name: found.name, role: found.role } : undefined;
}

// A token file may hold plain tokens (a mounted secret that never enters git) or hashes.
const plainEntrySchema = z.object({ name: z.string().min(1), role: z.enum(serverRoles), token: z.string().min(16, 'a token has at least 16 characters') }).strict();

/**
 * Reads a `--token-file`: YAML or JSON, a list (or `{ tokens: [...] }`) of `{ name, role, sha256 }`
 * or `{ name, role, token }`. Plain tokens are hashed on load and never kept.
 */
export function loadTokenFile(file: string): ServerToken[] {
  if (!existsSync(file)) throw new FieldworkError('CONFIG_NOT_FOUND', `Token file ${file} does not exist.`, { where: { file }, hint: 'Create it with entries like `- { name: ci, role: owner, sha256: … }` (see docs/server.md).' });
  let doc: unknown;
  try {
    doc = parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new FieldworkError('CONFIG_INVALID', `Token file ${file} is not valid YAML or JSON: ${e instanceof Error ? e.message : String(e)}`, { where: { file }, cause: e });
  }
  const wrapped = doc !== null && typeof doc === 'object' && !Array.isArray(doc);
  const list = wrapped ? (doc as { tokens?: unknown }).tokens : doc;
  if (!Array.isArray(list)) throw new FieldworkError('CONFIG_INVALID', `Token file ${file} must be a list of tokens (or { tokens: [...] }).`, { where: { file } });
  return list.map((entry, i) => {
    const plain = entry !== null && typeof entry === 'object' && 'token' in entry;
    const r = plain ? plainEntrySchema.safeParse(entry) : serverTokenSchema.safeParse(entry);
    if (!r.success) {
      const issue = r.error.issues[0];
      const pointer = [wrapped ? '/tokens' : '', `/${i}`, ...issue.path.map((p) => `/${String(p)}`)].join('');
      throw new FieldworkError('CONFIG_INVALID', `Token file ${file}, entry ${i + 1}: ${issue.message}.`, { where: { file, pointer }, hint: 'Each entry needs name, role (admin, owner or auditor) and sha256 (or token).' });
    }
    const t = r.data;
    return 'token' in t ? { name: t.name, role: t.role, sha256: hashToken(t.token) } : t;
  });
}

/** Refuses two entries with the same hash (one token, two roles would be ambiguous). */
export function checkTokens(tokens: readonly ServerToken[]): void {
  const seen = new Map<string, string>();
  for (const t of tokens) {
    const other = seen.get(t.sha256);
    if (other) throw new FieldworkError('CONFIG_INVALID', `Tokens ${other} and ${t.name} have the same sha256.`, { hint: 'Create a separate token per person or pipeline: fieldwork serve token create.' });
    seen.set(t.sha256, t.name);
  }
}
