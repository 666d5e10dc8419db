/** @module The written rules by which the mock audit turns deviations into a conclusion. */

/** The id of a rule that produced a conclusion (stable: scripts and the docs refer to it). */
export type DeviationRuleId =
  | 'not-tested'
  | 'no-evidence'
  | 'no-occurrence'
  | 'no-exceptions'
  | 'zero-tolerance'
  | 'recurring'
  | 'more-than-one'
  | 'low-frequency'
  | 'single-extended'
  | 'single-deviation';

/** How the deviations of a control are classified. */
export type DeviationClass = 'none' | 'isolated' | 'multiple' | 'systematic' | 'zero_tolerance' | 'low_frequency';

/** A practitioner rule, in our words. docs/audit.md explains each with an example. */
export interface DeviationRule {
  id: DeviationRuleId;
  title: string;
  text: string;
}

/**
 * The rules, in the order they are applied: the first that matches decides. Remediation never
 * appears as a rule that clears a deviation: a deviation in the window stays one however soon it
 * was fixed (see `REMEDIATION_RULE`).
 */
export const DEVIATION_RULES: Record<DeviationRuleId, DeviationRule> = {
  'not-tested': { id: 'not-tested', title: 'Not tested', text: 'No automated test exists for this control; the auditor inspects evidence of manual operation, which the workspace does not hold yet.' },
  'no-evidence': { id: 'no-evidence', title: 'No evidence', text: 'The records the test needs were not collected, so no population could be formed and the control could not be tested. This is a gap in evidence, not a finding that the control failed.' },
  'no-occurrence': { id: 'no-occurrence', title: 'Did not occur', text: 'The evidence was collected but the population is empty: the control had nothing to act on in the window (for example, nobody left). There is no exception, and no evidence that the control operates; only its design can be assessed.' },
  'no-exceptions': { id: 'no-exceptions', title: 'No exceptions', text: 'No sampled unit deviates and the automated test of the whole population found no deviation.' },
  'zero-tolerance': { id: 'zero-tolerance', title: 'Zero tolerance', text: 'The control is automated or zero-tolerance, or the deviation is of a zero-tolerance kind (a direct push to production, a tool call under another tenant\'s credential, personal data left in a prompt log where redaction is the control). One such deviation shows the control did not hold; it cannot be called isolated.' },
  'recurring': { id: 'recurring', title: 'Recurring across periods', text: 'Deviations occur in two or more periods of the window (the control\'s own periods, or calendar months for per-event and per-item controls). A deviation that recurs is systematic: the control did not operate as designed.' },
  'more-than-one': { id: 'more-than-one', title: 'More than one deviation', text: 'Two or more deviations within one period. A practitioner sample is sized to tolerate at most one deviation, so more than one means the control did not operate as designed.' },
  'low-frequency': { id: 'low-frequency', title: 'Low-frequency control', text: 'The control is tested per month, quarter or year, so the window holds only a few occurrences. The practitioner sample for such a control tolerates no deviation and cannot be extended, so one missed or failed occurrence means the control did not operate as designed; it is not called isolated.' },
  'single-extended': { id: 'single-extended', title: 'One deviation, sample extended', text: 'One deviation in the sample. The sample was extended with further units from the same seed and the extension was tested; it found no further deviation, so the deviation is isolated. Both the original sample and the extension are reported.' },
  'single-deviation': { id: 'single-deviation', title: 'One deviation', text: 'One deviation in the whole population (every unit was tested, or the automated test found it outside the sample). The deviation is isolated; it is still reported as an exception.' },
};

/** The rule that keeps fixed deviations in the report. */
export const REMEDIATION_RULE = 'A deviation in the window stays a deviation when it was fixed later in the window; the fix belongs in management\'s response, not in the count.';

/** What the rules need to know about a tested control's deviations. */
export interface DeviationFacts {
  /** Deviating units plus deviations tied to no unit, across the whole population. */
  deviations: number;
  /** True when any deviation is zero-tolerance (the control's kind or the deviation's rule). */
  zeroTolerance: boolean;
  /** Distinct periods the deviations fall in (undated deviations are not counted). */
  periods: number;
  /** Whether the one deviation was in the sample and the sample was extended. */
  extended: boolean;
  /** True for a control tested per month, quarter or year (a sample that tolerates no deviation). */
  lowFrequency?: boolean;
}

/**
 * Applies the rules in order to a tested control's deviations (a non-empty population).
 *
 * @example evaluateDeviations({ deviations: 2, zeroTolerance: false, periods: 2, extended: false }).rule // 'recurring'
 */
export function evaluateDeviations(f: DeviationFacts): { rule: DeviationRuleId; classification: DeviationClass; conclusion: 'effective' | 'effective_with_exceptions' | 'not_effective' } {
  if (f.deviations === 0) return { rule: 'no-exceptions', classification: 'none', conclusion: 'effective' };
  if (f.zeroTolerance) return { rule: 'zero-tolerance', classification: 'zero_tolerance', conclusion: 'not_effective' };
  if (f.periods >= 2) return { rule: 'recurring', classification: 'systematic', conclusion: 'not_effective' };
  if (f.deviations >= 2) return { rule: 'more-than-one', classification: 'multiple', conclusion: 'not_effective' };
  if (f.lowFrequency) return { rule: 'low-frequency', classification: 'low_frequency', conclusion: 'not_effective' };
  return { rule: f.extended ? 'single-extended' : 'single-deviation', classification: 'isolated', conclusion: 'effective_with_exceptions' };
}
