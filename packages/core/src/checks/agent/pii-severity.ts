/** How much a kind of personal data in a stored prompt weighs; `off` ignores it. */
export type PiiSeverity = 'off' | 'low' | 'medium' | 'high';

const LEVEL: Readonly<Record<PiiSeverity, number>> = { off: 0, low: 1, medium: 2, high: 3 };
const NAMES: readonly PiiSeverity[] = ['off', 'low', 'medium', 'high'];

/**
 * Severity of each type when the collector saw a validated finding of it (a full name, a street
 * address with a house number, a Luhn-valid branded card, an SSN with context…): the types the
 * prompt record lists in `highRisk`. Override per type with the AGT-18 parameter `piiSeverity`.
 */
export const DEFAULT_PII_SEVERITY: Readonly<Record<string, PiiSeverity>> = {
  credit_card: 'high',
  us_ssn: 'high',
  iban: 'high',
  api_key: 'high',
  email: 'medium',
  phone: 'medium',
  ip_address: 'medium',
  person: 'medium',
  address: 'medium',
  date_of_birth: 'medium',
  date: 'low',
};

/**
 * Severity of each type found only unvalidated (a first name alone, a city or country, a date,
 * a Luhn-valid number of no card brand): parameter `piiSeverityUnvalidated`. Types not listed
 * are ignored, as the check always did for unvalidated cards, SSNs, IBANs and keys.
 */
export const DEFAULT_PII_SEVERITY_UNVALIDATED: Readonly<Record<string, PiiSeverity>> = {
  email: 'medium',
  phone: 'medium',
  ip_address: 'medium',
  person: 'low',
  address: 'low',
  date_of_birth: 'low',
  date: 'low',
};

/** Types that, next to a person's name, make a record identify that person. */
const IDENTIFYING = new Set(['address', 'date_of_birth', 'date', 'email', 'phone']);

/** The parameters of the severity rule, with defaults. */
export interface PiiSeverityParams {
  readonly severity: Readonly<Record<string, PiiSeverity>>;
  readonly unvalidated: Readonly<Record<string, PiiSeverity>>;
  /** Records at or above this severity are exceptions (default `medium`). */
  readonly exceptionAt: PiiSeverity;
  /** A name together with an address, a date or a contact detail raises the record one level (default true). */
  readonly combine: boolean;
}

/** Reads `piiSeverity`, `piiSeverityUnvalidated`, `piiExceptionAt` and `piiCombine` over the defaults. */
export function piiSeverityParams(params: Readonly<Record<string, unknown>>): PiiSeverityParams {
  return {
    severity: { ...DEFAULT_PII_SEVERITY, ...severityMap(params.piiSeverity) },
    unvalidated: { ...DEFAULT_PII_SEVERITY_UNVALIDATED, ...severityMap(params.piiSeverityUnvalidated) },
    exceptionAt: isSeverity(params.piiExceptionAt) ? params.piiExceptionAt : 'medium',
    combine: params.piiCombine !== false,
  };
}

/** The per-type severities of one record and the record's overall severity. */
export interface RecordSeverity {
  readonly types: ReadonlyArray<{ readonly type: string; readonly count: number; readonly validated: boolean; readonly severity: PiiSeverity }>;
  readonly severity: PiiSeverity;
  /** True when the combination rule raised the record's severity. */
  readonly combined: boolean;
}

/**
 * Grades a prompt record from its counts by type and the types it found validated. The record
 * weighs as much as its heaviest type; a person's name next to an address, a date or a contact
 * detail raises it one level, so a first name alone (low) stays below a full name with an
 * address (high).
 */
export function recordSeverity(pii: Readonly<Record<string, number>>, highRisk: readonly string[], p: PiiSeverityParams): RecordSeverity {
  const validated = new Set(highRisk);
  const types = Object.entries(pii)
    .filter(([, n]) => n > 0)
    .map(([type, count]) => {
      const v = validated.has(type);
      const severity = (v ? p.severity[type] : p.unvalidated[type]) ?? 'off';
      return { type, count, validated: v, severity };
    });
  let level = Math.max(0, ...types.map((t) => LEVEL[t.severity]));
  let combined = false;
  const person = types.some((t) => t.type === 'person' && t.severity !== 'off');
  if (p.combine && person && level > 0 && types.some((t) => IDENTIFYING.has(t.type) && t.severity !== 'off') && level < 3) {
    level += 1;
    combined = true;
  }
  return { types, severity: NAMES[level] as PiiSeverity, combined };
}

/** Whether a severity reaches the exception threshold. */
export function atLeast(s: PiiSeverity, threshold: PiiSeverity): boolean {
  return LEVEL[s] >= LEVEL[threshold] && LEVEL[s] > 0;
}

function isSeverity(v: unknown): v is PiiSeverity {
  return v === 'off' || v === 'low' || v === 'medium' || v === 'high';
}

function severityMap(v: unknown): Record<string, PiiSeverity> {
  if (v === null || typeof v !== 'object') return {};
  return Object.fromEntries(Object.entries(v).filter((e): e is [string, PiiSeverity] => isSeverity(e[1])));
}
