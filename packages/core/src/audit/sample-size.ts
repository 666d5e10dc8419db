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

export interface SampleSizeDecision {
  size: number;
  /** One sentence an auditor can read: why this many. */
  basis: string;
}

/** The sample size for a control's population under a profile (never more than the population). */
export function sampleSize(frequency: Frequency, population: number, profile: SamplingProfile = DEFAULT_PROFILE): SampleSizeDecision {
  if (population === 0) return { size: 0, basis: 'The population is empty: the control did not operate in the period.' };
  if (profile.kind === 'statistical') {
    const n = statisticalSampleSize(profile.confidence, profile.tolerableRate, profile.expectedRate);
    const size = Math.min(n, population);
    return {
      size,
      basis: `Attribute sampling: ${Math.round(profile.confidence * 100)}% confidence, tolerable deviation rate ${pct(profile.tolerableRate)}, expected ${pct(profile.expectedRate)} → ${n} items${size < n ? `, capped at the population of ${population}` : ''}.`,
    };
  }
  if (frequency === 'per_event') {
    const small = profile.perEventSmallPopulation ?? 25;
    const n = profile.perEventSample ?? 25;
    if (population <= small) return { size: population, basis: `Per-event control with a small population (≤ ${small}): every item is tested.` };
    return { size: n, basis: `Per-event control: ${n} items (common practitioner size; not an AICPA mandate).` };
  }
  const n = PRACTITIONER_SIZES[frequency];
  const size = Math.min(n, population);
  return { size, basis: `${frequency.replace('_', ' ')} control: ${n} item(s) per the common practitioner table (not an AICPA mandate)${size < n ? `, capped at the population of ${population}` : ''}.` };
}

const pct = (r: number) => `${Math.round(r * 1000) / 10}%`;
