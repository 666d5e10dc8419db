import { createPiiScanner, isHighRiskFinding } from '@fieldwork/agent/pii';

/** What a prompt record keeps of a text: its length, PII counts by type, high-risk types, redacted excerpts. */
export interface ContentScan {
  chars: number;
  pii: Record<string, number>;
  highRisk: string[];
  excerpts: string[];
}

/** Text is fed to the scanner in slices of this size, so a long completion never needs a second copy. */
const SLICE = 64 * 1024;

/**
 * Scans text for PII with the SDK's streaming scanner and keeps only counts, validated
 * high-risk types and up to `maxExcerpts` redacted excerpts — never a value.
 */
export function scanContent(parts: Iterable<string>, maxExcerpts = 3): ContentScan {
  const high = new Set<string>();
  const scanner = createPiiScanner({ maxExcerpts, excerptRadius: 20, onFinding: (f) => { if (isHighRiskFinding(f)) high.add(f.type); } });
  let first = true;
  for (const part of parts) {
    if (!first) scanner.write('\n');
    first = false;
    for (let i = 0; i < part.length; i += SLICE) scanner.write(part.slice(i, i + SLICE));
  }
  const s = scanner.end();
  const pii: Record<string, number> = {};
  for (const [type, n] of Object.entries(s.counts)) if (n > 0) pii[type] = n;
  return { chars: s.length, pii, highRisk: [...high].sort(), excerpts: s.excerpts.map((e) => e.excerpt) };
}

/** The strings inside a value (message arrays, kv lists, JSON text), for scanning. */
export function* textsOf(value: unknown, depth = 0): Generator<string> {
  if (value === null || value === undefined || depth > 32) return;
  if (typeof value === 'string') yield value;
  else if (typeof value === 'number' || typeof value === 'boolean') yield String(value);
  else if (Array.isArray(value)) for (const v of value) yield* textsOf(v, depth + 1);
  else if (typeof value === 'object') for (const v of Object.values(value)) yield* textsOf(v, depth + 1);
}
