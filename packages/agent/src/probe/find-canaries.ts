/** Case-insensitive: a model that echoes a canary may change its case. */
const CANARY = /FWCANARY-([0-9a-f]{8})-([0-9a-f]{16})(?![0-9a-z])/gi;

/**
 * A found canary token: the token (normalised to its canonical case), the hash of the tenant
 * it was planted for, and where it was found.
 *
 * @example
 * ```ts
 * import { findCanaries, type CanaryMatch } from '@fieldwork/agent/probe';
 * const found: CanaryMatch[] = findCanaries('nothing here');
 * ```
 */
export interface CanaryMatch {
  readonly token: string;
  readonly tenantHash: string;
  /** Offset of the token in the searched text. */
  readonly index: number;
}

/**
 * Every canary token in a text, in order of appearance.
 *
 * @example
 * ```ts
 * import { findCanaries, makeCanary } from '@fieldwork/agent/probe';
 * const token = makeCanary('acme', 's1');
 * const [hit] = findCanaries(`the answer mentions ${token} somewhere`);
 * console.log(hit?.token === token); // true
 * ```
 */
export function findCanaries(text: string): CanaryMatch[] {
  const found: CanaryMatch[] = [];
  for (const m of text.matchAll(CANARY)) {
    const tenantHash = (m[1] as string).toLowerCase();
    found.push({ token: `FWCANARY-${tenantHash}-${(m[2] as string).toLowerCase()}`, tenantHash, index: m.index ?? 0 });
  }
  return found;
}
