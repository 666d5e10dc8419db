import { createHash } from 'node:crypto';

/**
 * A name-based UUID in the RFC 4122 version 5 layout, derived from SHA-256 (not SHA-1) of
 * `namespace` and `name`: the same names always give the same UUID, so regenerating a
 * document from the same evidence gives the same identifiers. OSCAL accepts version 4 or 5.
 */
export function nameUuid(namespace: string, name: string): string {
  const b = createHash('sha256').update(`${namespace}\u0000${name}`).digest().subarray(0, 16);
  b[6] = (b[6] & 0x0f) | 0x50;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
