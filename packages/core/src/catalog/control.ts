import { z } from 'zod';

/** The five Trust Services categories. Security (the common criteria) is always in scope. */
export const tscCategories = ['security', 'availability', 'confidentiality', 'processing_integrity', 'privacy'] as const;
export type TscCategory = (typeof tscCategories)[number];

/** How often a control operates; drives the mock audit's sample size. */
export const frequencies = ['continuous', 'multiple_daily', 'daily', 'weekly', 'monthly', 'quarterly', 'annual', 'per_event'] as const;
export type Frequency = (typeof frequencies)[number];

/** Areas a control belongs to, used to group the evidence map and the plan. */
export const controlCategories = [
  'governance', 'hr', 'access', 'change', 'vulnerability', 'logging', 'incident', 'backup', 'bcdr',
  'vendor', 'data', 'encryption', 'agent', 'privacy', 'availability', 'processing_integrity',
] as const;
export type ControlCategory = (typeof controlCategories)[number];

/** A parameter value a workspace may override. */
export const paramValue = z.union([z.number(), z.string(), z.boolean(), z.array(z.string()), z.record(z.string(), z.number()), z.record(z.string(), z.string())]);

/**
 * What the mock audit samples for a control: `event` (each occurrence: a leaver, a merged
 * change), `item` (each thing the control covers: a vendor, an account, a CUEC), or `period`
 * (the days, weeks, months or quarters of its frequency, each tested for its occurrence).
 */
export const auditUnitKinds = ['event', 'item', 'period'] as const;
export type AuditUnitKind = (typeof auditUnitKinds)[number];

/** How an auditor tests one sampled unit. */
export const testMethods = ['inspection', 'reperformance', 'observation'] as const;
export type TestMethod = (typeof testMethods)[number];

/** The audit design of a control: its population unit and the test performed on each sampled unit. */
export const auditDesignSchema = z.object({
  unit: z.enum(auditUnitKinds),
  /** The unit in words, singular: `leaver`, `merged change`, `quarter`. */
  noun: z.string().min(2),
  /** The plural when adding `s` to the noun would read wrong (`models or providers seen in production`). */
  plural: z.string().min(2).optional(),
  method: z.enum(testMethods),
  /** What the tester does with each sampled unit, in our words (a sentence, no trailing period needed). */
  procedure: z.string().min(10),
  /**
   * Periodic controls whose check already lists every expected window (resource × cadence
   * window): a period in which no window starts is covered by the window before it, so it is not
   * a missing occurrence. A workspace cadence longer than the period stays the check's call.
   */
  windows: z.boolean().optional(),
});
export type AuditDesign = z.infer<typeof auditDesignSchema>;

/**
 * A control as data: what we do, which criteria it addresses, how often, who owns it, what
 * evidence shows it operating, and the check that tests it (or `null` for manual attestation).
 */
export const controlSchema = z.object({
  /** Stable id, e.g. `ACC-04`. */
  id: z.string().regex(/^[A-Z]{2,4}-\d{2}$/),
  title: z.string().min(3),
  /** What we do, in our own words, first person plural. */
  statement: z.string().min(20),
  /** Trust Services Criteria ids (`CC6.2`). */
  criteria: z.array(z.string()).min(1),
  category: z.enum(controlCategories),
  frequency: z.enum(frequencies),
  ownerRole: z.string().min(2),
  /** Source kinds (see DESIGN.md) whose records evidence this control. */
  evidenceSources: z.array(z.string()),
  /** Id of the check that tests it, or null when it is attested manually. */
  check: z.string().nullable(),
  /** OWASP Top 10 for LLM Applications 2025 ids (`LLM01`…`LLM10`). */
  owaspLlm: z.array(z.string().regex(/^LLM(0[1-9]|10)$/)).default([]),
  /** Parameters with defaults; the workspace may override them. */
  params: z.record(z.string(), paramValue).default({}),
  /** True for controls specific to AI agent platforms. */
  agent: z.boolean().default(false),
  /**
   * A system enforces the control the same way every time (a branch rule, an SSO policy, a
   * credential broker): one deviation shows the setting did not hold, so it is never isolated.
   */
  automated: z.boolean().default(false),
  /** Any deviation is an exception that cannot be called isolated (tenant isolation, redaction). */
  zeroTolerance: z.boolean().default(false),
  /**
   * Exception rules that are zero-tolerance inside an otherwise sampled control, e.g. a direct
   * push to production in the change-approval control.
   */
  zeroToleranceRules: z.array(z.string()).default([]),
  /**
   * Manual controls: a typed, signed statement may stand in for a file (`fieldwork evidence add
   * --statement`), e.g. a management assertion that nothing changed. Off: evidence is a file.
   */
  statementAllowed: z.boolean().default(false),
  /** How the mock audit tests it; omitted → derived from the frequency (see `auditUnitOf`). */
  audit: auditDesignSchema.optional(),
});
export type Control = z.infer<typeof controlSchema>;
export type ControlInput = z.input<typeof controlSchema>;

/** A Trust Services Criteria id with our own one-line paraphrase (never the AICPA text). */
export interface Criterion {
  id: string;
  category: TscCategory;
  /** Group heading, e.g. `CC6 Logical and physical access`. */
  group: string;
  paraphrase: string;
}

/** An OWASP Top 10 for LLM Applications (2025) risk id with a short name in our words. */
export interface OwaspLlmRisk {
  id: string;
  name: string;
}
