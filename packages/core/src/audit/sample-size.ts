import type { Frequency } from '../catalog/control.js';

/**
 * How a sample size is chosen. `practitioner`: the frequency table auditors commonly use (not an
 * AICPA mandate). `statistical`: attribute sampling from confidence, tolerable and expected
 * deviation rates via the binomial distribution.
 */
export type SamplingProfile =
  | { kind: 'practitioner'; perEventSmallPopulation?: number; perEventSample?: number }
  | { kind: 'statistical'; confidence: number; tolerableRate: number; expectedRate: number };

/** The practitioner table (DESIGN.md): what teams and auditors commonly use per frequency. */
export const PRACTITIONER_SIZES: Record<Exclude<Frequency, 'per_event'>, number> = {
  annual: 1,
  quarterly: 2,
  monthly: 2,
  weekly: 5,
  daily: 25,
  multiple_daily: 40,
  continuous: 40,
};

export const DEFAULT_PROFILE: SamplingProfile = { kind: 'practitioner', perEventSmallPopulation: 25, perEventSample: 25 };

/** P(X ≤ k) for X ~ Binomial(n, p), computed in log space so large n stays accurate. */
export function binomialCdf(k: number, n: number, p: number): number {
  if (k < 0) return 0;
  if (k >= n) return 1;
  if (p <= 0) return 1;
  if (p >= 1) return 0;
  let logTerm = n * Math.log1p(-p); // P(X = 0)
  let sum = Math.exp(logTerm);
  for (let i = 1; i <= k; i++) {
    logTerm += Math.log((n - i + 1) / i) + Math.log(p) - Math.log1p(-p);
    sum += Math.exp(logTerm);
  }
  return Math.min(1, sum);
}

/**
 * The smallest n for which, expecting `expectedRate` deviations, the chance of seeing that few
 * deviations when the true rate is the tolerable rate is at most 1 − confidence.
 *
 * @example statisticalSampleSize(0.95, 0.05, 0) // 59
 */
export function statisticalSampleSize(confidence: number, tolerableRate: number, expectedRate: number, max = 5000): number {
  if (!(confidence > 0 && confidence < 1) || !(tolerableRate > 0 && tolerableRate < 1) || expectedRate < 0 || expectedRate >= tolerableRate) {
    throw new RangeError('need 0 < confidence < 1, 0 < tolerable rate < 1 and 0 ≤ expected rate < tolerable rate');
  }
  for (let n = 1; n <= max; n++) {
    // The expected deviations in a sample of n, rounded up as the AICPA tables do.
    const k = Math.ceil(expectedRate * n - 1e-9);
    if (binomialCdf(k, n, tolerableRate) <= 1 - confidence) return n;
  }
  return max;
}

/** A unit in the singular and the plural: `{ one: 'leaver', many: 'leavers' }`. */
export interface UnitWords {
  one: string;
  many: string;
}

export interface SampleSizeDecision {
  size: number;
  /** One sentence an auditor can read: why this many. */
  basis: string;
}

/**
 * The sample size for a control's population under a profile (never more than the population).
 * `units` names the population's unit for the basis sentence (`leaver`/`leavers`, `week`/`weeks`).
 *
 * @example sampleSize('weekly', 27, DEFAULT_PROFILE, { one: 'week', many: 'weeks' }).size // 5
 */
export function sampleSize(frequency: Frequency, population: number, profile: SamplingProfile = DEFAULT_PROFILE, units: UnitWords = { one: 'item', many: 'items' }): SampleSizeDecision {
  const u = (k: number) => (k === 1 ? units.one : units.many);
  if (population === 0) return { size: 0, basis: 'The population is empty: the control did not operate in the period.' };
  if (profile.kind === 'statistical') {
    const n = statisticalSampleSize(profile.confidence, profile.tolerableRate, profile.expectedRate);
    const size = Math.min(n, population);
    return {
      size,
      basis: `Attribute sampling: ${Math.round(profile.confidence * 100)}% confidence, tolerable deviation rate ${pct(profile.tolerableRate)}, expected ${pct(profile.expectedRate)} → ${n} ${u(n)}${size < n ? `, capped at the population of ${population}` : ''}.`,
    };
  }
  if (frequency === 'per_event') {
    const small = profile.perEventSmallPopulation ?? 25;
    const n = profile.perEventSample ?? 25;
    if (population <= small) return { size: population, basis: `A small population (${small} or fewer): every ${units.one} is tested.` };
    return { size: n, basis: `${n} of ${population} ${u(population)}, the common practitioner size for a population of events or items (not an AICPA mandate).` };
  }
  const n = PRACTITIONER_SIZES[frequency];
  const size = Math.min(n, population);
  return { size, basis: `${n} ${u(n)} for a ${frequency.replace('_', ' ')} control, per the common practitioner table (not an AICPA mandate)${size < n ? `; the population has only ${population}, so all are tested` : ''}.` };
}

const pct = (r: number) => `${Math.round(r * 1000) / 10}%`;
