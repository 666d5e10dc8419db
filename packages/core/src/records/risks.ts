/** @module The risk register: one `risk` record per risk, the workspace's scale and the scoring rules. */
import { z } from 'zod';
import { calendarDate, identityKey, recordBase } from './base.js';

/** Risk categories specific to AI agent platforms: each must link to a control with an automated check. */
export const AGENT_RISK_CATEGORIES = ['prompt-injection', 'tool-misuse', 'cross-tenant-leakage', 'model-drift', 'provider-outage'] as const;

/** Every category a register entry may name (kebab-case). */
export const RISK_CATEGORIES = [
  ...AGENT_RISK_CATEGORIES,
  'security', 'availability', 'confidentiality', 'privacy', 'processing-integrity', 'vendor', 'fraud',
  'compliance', 'operational', 'people', 'financial', 'strategic',
] as const;
export type RiskCategory = (typeof RISK_CATEGORIES)[number];

/** How a risk is handled. `accept` needs an approver; the others need an owner and a date. */
export const RISK_TREATMENTS = ['mitigate', 'accept', 'transfer', 'avoid'] as const;

/** A likelihood × impact rating on the workspace's scale. */
export const riskRatingSchema = z.object({
  likelihood: z.number().int().positive(),
  impact: z.number().int().positive(),
});
export type RiskRating = z.infer<typeof riskRatingSchema>;

/** One risk of the register, as collected from `risks.yaml`. */
export const riskSchema = z.object({
  kind: z.literal('risk'),
  ...recordBase,
  id: z.string().min(1),
  title: z.string().min(1),
  category: z.enum(RISK_CATEGORIES),
  description: z.string().optional(),
  owner: z.string().optional(),
  inherent: riskRatingSchema,
  /** After the treatment; absent means the register states no residual rating (taken as the inherent one). */
  residual: riskRatingSchema.optional(),
  treatment: z.object({
    type: z.enum(RISK_TREATMENTS),
    plan: z.string().optional(),
    owner: z.string().optional(),
    due: calendarDate.optional(),
    /** Who accepted the risk (for `accept`). */
    approvedBy: z.string().optional(),
  }).optional(),
  /** Control ids the risk is treated by. */
  controls: z.array(z.string()).default([]),
  createdOn: calendarDate.optional(),
  /** Date of the last review. */
  reviewedOn: calendarDate.optional(),
  /** Review cadence of this risk in months; absent → the workspace default. */
  reviewMonths: z.number().int().positive().optional(),
});
export type RiskRecord = z.infer<typeof riskSchema>;
/** Identity of a risk: its id in the register. */
export const riskIdentity = (r: RiskRecord): string => identityKey(r.id);

/**
 * The `risks:` section of fieldwork.yaml: the rating scale, where the levels start, and how often
 * a risk is reviewed unless its entry says otherwise.
 */
export const risksSectionSchema = z.object({
  scale: z.object({
    likelihood: z.number().int().min(2).max(10).default(5).describe('Highest likelihood rating (ratings run 1..N).'),
    impact: z.number().int().min(2).max(10).default(5).describe('Highest impact rating (ratings run 1..N).'),
  }).strict().default({ likelihood: 5, impact: 5 }),
  levels: z.object({
    medium: z.number().int().positive().default(5).describe('Lowest score (likelihood × impact) rated medium.'),
    high: z.number().int().positive().default(12).describe('Lowest score rated high.'),
  }).strict().refine((l) => l.medium < l.high, { message: 'medium must start below high' }).default({ medium: 5, high: 12 }),
  reviewMonths: z.number().int().positive().default(12).describe('Months between reviews of a risk unless its entry sets review_months.'),
}).strict();
export type RisksSection = z.infer<typeof risksSectionSchema>;

export type RiskLevel = 'low' | 'medium' | 'high';

/** The score of a rating: likelihood × impact. */
export const riskScore = (r: RiskRating): number => r.likelihood * r.impact;

/**
 * The level of a rating under the workspace's thresholds.
 * @example riskLevel({ likelihood: 4, impact: 4 }, risksSectionSchema.parse({})) // 'high'
 */
export function riskLevel(r: RiskRating, section: Pick<RisksSection, 'levels'>): RiskLevel {
  const s = riskScore(r);
  return s >= section.levels.high ? 'high' : s >= section.levels.medium ? 'medium' : 'low';
}

/** The rating after treatment: the residual one, or the inherent one when the register states none. */
export const residualOf = (r: Pick<RiskRecord, 'inherent' | 'residual'>): RiskRating => r.residual ?? r.inherent;

/** True for the agent risk categories. */
export const isAgentRisk = (r: Pick<RiskRecord, 'category'>): boolean => (AGENT_RISK_CATEGORIES as readonly string[]).includes(r.category);
