import type { PiiFinding, PiiType } from './pii-type.js';
import { PII_TYPES } from './pii-type.js';

/**
 * Counts findings by type; every {@link PiiType} is present, with 0 when absent. This is the
 * shape the product stores for a prompt record instead of the values.
 *
 * @example
 * ```ts
 * import { detectPii, summarizePii } from '@fieldwork/agent/pii';
 * const counts = summarizePii(detectPii('ada@example.com, bob@example.org'));
 * console.log(counts.email, counts.phone); // 2 0
 * ```
 */
export function summarizePii(findings: Iterable<PiiFinding>): Record<PiiType, number> {
  const counts = Object.fromEntries(PII_TYPES.map((t) => [t, 0])) as Record<PiiType, number>;
  for (const f of findings) counts[f.type] += 1;
  return counts;
}
