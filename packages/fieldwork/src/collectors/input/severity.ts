import type { Severity } from '@fieldwork/core/records';

/**
 * Words scanners use for severity, mapped to ours. Vendors disagree on names (npm `moderate`,
 * Red Hat `important`, Grype `Negligible`, OCSF `Informational`); anything not listed is
 * `unknown` rather than an error, because a new label from a scanner upgrade must not stop
 * collection — the check then treats it as unrated.
 */
const WORDS: Record<string, Severity> = {
  critical: 'critical',
  fatal: 'critical',
  high: 'high',
  important: 'high',
  medium: 'medium',
  moderate: 'medium',
  low: 'low',
  minor: 'low',
  negligible: 'info',
  info: 'info',
  informational: 'info',
  none: 'info',
  unknown: 'unknown',
  unspecified: 'unknown',
  unrated: 'unknown',
};

/**
 * Our severity for a scanner's label, case-insensitively; unknown labels become `unknown`.
 *
 * @example
 * normalizeSeverity('MODERATE') // 'medium'
 * normalizeSeverity('Negligible') // 'info'
 */
export function normalizeSeverity(label: unknown): Severity {
  if (typeof label !== 'string') return 'unknown';
  return WORDS[label.trim().toLowerCase()] ?? 'unknown';
}

/**
 * The qualitative CVSS v3 rating of a base score (critical ≥ 9.0, high ≥ 7.0, medium ≥ 4.0,
 * low > 0, none = 0 → info). Accepts numbers and numeric strings (SARIF `security-severity`).
 *
 * @example
 * severityFromScore('7.5') // 'high'
 */
export function severityFromScore(score: unknown): Severity | undefined {
  const n = typeof score === 'number' ? score : typeof score === 'string' && score.trim() !== '' ? Number(score) : Number.NaN;
  if (!Number.isFinite(n) || n < 0 || n > 10) return undefined;
  if (n >= 9) return 'critical';
  if (n >= 7) return 'high';
  if (n >= 4) return 'medium';
  if (n > 0) return 'low';
  return 'info';
}

/**
 * SARIF `level` as a severity, for results without a security-severity score
 * (error → high, warning → medium, note → low, none → info).
 */
export function severityFromSarifLevel(level: unknown): Severity {
  switch (level) {
    case 'error':
      return 'high';
    case 'warning':
      return 'medium';
    case 'note':
      return 'low';
    case 'none':
      return 'info';
    default:
      return 'unknown';
  }
}

const RANK: Record<Severity, number> = { critical: 5, high: 4, medium: 3, low: 2, info: 1, unknown: 0 };

/** The most severe of several ratings (`unknown` only when nothing is rated). */
export function maxSeverity(values: Severity[]): Severity {
  return values.reduce<Severity>((a, b) => (RANK[b] > RANK[a] ? b : a), 'unknown');
}
