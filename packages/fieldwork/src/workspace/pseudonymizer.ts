import { createHmac } from 'node:crypto';

/** What marks a value as a keyed hash rather than an identifier. */
export const PSEUDONYM_PREFIX = 'h:';

/** Hex characters kept of the HMAC: 96 bits, plenty for joins within one workspace. */
const HEX_CHARS = 24;

/** Remembered pseudonyms per pseudonymizer: trace exports repeat the same few users. */
const CACHE_LIMIT = 50_000;

/**
 * The form an identifier is hashed in: surrounding spaces removed, and an email address in
 * lower case (mail systems treat `Ada@X.ai` and `ada@x.ai` as one person). Other ids are
 * case-sensitive and kept as written.
 *
 * @example
 * normalizeIdentifier(' Ada@Example.COM ') // 'ada@example.com'
 */
export function normalizeIdentifier(value: string): string {
  const v = value.trim();
  return /^[^@\s]+@[^@\s]+$/.test(v) ? v.toLowerCase() : v;
}

/**
 * A function from an end-user identifier (id or email) to its keyed hash:
 * `h:` + the first 24 hex characters of HMAC-SHA256(secret, normalized identifier). The same
 * identifier always gives the same value within a workspace, so checks can join on it, while
 * nobody without the secret can turn it back into the identifier or test a guess.
 *
 * An auditor who needs to find one person's records asks the workspace owner for the hash of
 * that identifier (or computes it with the secret):
 * `printf %s 'ada@example.com' | openssl dgst -sha256 -hmac "$FIELDWORK_SECRET"` — the first 24
 * hex characters, prefixed with `h:`.
 *
 * @example
 * const pseudonymize = createPseudonymizer(secret)
 * pseudonymize('ada@example.com') // 'h:3f2a…' (24 hex characters)
 */
export function createPseudonymizer(secret: string): (value: string) => string {
  const cache = new Map<string, string>();
  return (value: string) => {
    const hit = cache.get(value);
    if (hit !== undefined) return hit;
    const hashed = PSEUDONYM_PREFIX + createHmac('sha256', secret).update(normalizeIdentifier(value), 'utf8').digest('hex').slice(0, HEX_CHARS);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(value, hashed);
    return hashed;
  };
}
