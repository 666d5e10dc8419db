import { z } from 'zod';

/** One category of the workspace incident taxonomy. */
export const incidentCategorySchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a kebab-case id, e.g. cross-tenant-exposure').describe('What incidents name in their category field.'),
  name: z.string().min(1),
  description: z.string().optional(),
  owaspLlm: z.array(z.string().regex(/^LLM(0[1-9]|10)$/, 'an OWASP Top 10 for LLM Applications 2025 id, LLM01…LLM10')).default([]),
  severity: z.string().min(1).describe('Default severity when an incident names none (critical, high, medium, low).'),
  owner: z.string().min(1).describe('The role that answers for this category.'),
  responseHours: z.number().positive().describe('First response due within this many hours of opening.'),
  aliases: z.array(z.string().min(1)).optional().describe('The organization\'s own names for this category, as its incidents carry them (Jira label, incident tool type).'),
}).strict();
export type IncidentCategoryConfig = z.infer<typeof incidentCategorySchema>;

/** The workspace `incidents:` section. */
export const incidentsSectionSchema = z.object({
  taxonomy: z.array(incidentCategorySchema).default([]).refine((t) => new Set(t.map((c) => c.id)).size === t.length, { message: 'category ids must be unique' }),
  severities: z.record(z.string(), z.enum(['critical', 'high', 'medium', 'low'])).optional()
    .describe('The organization\'s severity names mapped to ours, e.g. { "SEV1": critical, "P2": high }.'),
}).loose();

/**
 * The taxonomy `fieldwork init` writes: the agent incidents the catalog asks for, each mapped
 * to OWASP LLM Top 10 2025 ids, then the classic categories. Severities, owners and response
 * times are starting points to adjust.
 */
export const DEFAULT_INCIDENT_TAXONOMY: IncidentCategoryConfig[] = [
  { id: 'agent-unauthorized-action', name: 'Unauthorized or hallucinated tool action', description: 'An agent called a tool it should not have, or without the approval it needed (e.g. a refund above the threshold nobody approved).', owaspLlm: ['LLM06'], severity: 'high', owner: 'ai-lead', responseHours: 4 },
  { id: 'cross-tenant-exposure', name: 'Cross-tenant data exposure', description: 'A retrieval, memory or answer gave one tenant data of another.', owaspLlm: ['LLM02', 'LLM08'], severity: 'critical', owner: 'security-lead', responseHours: 1 },
  { id: 'prompt-injection', name: 'Prompt injection that succeeded', description: 'Injected instructions (direct or in retrieved content) changed what the agent did.', owaspLlm: ['LLM01'], severity: 'high', owner: 'ai-lead', responseHours: 4 },
  { id: 'pii-in-output', name: 'Personal data leaked in output', description: 'A response or log exposed personal data the user was not entitled to.', owaspLlm: ['LLM02'], severity: 'high', owner: 'security-lead', responseHours: 4 },
  { id: 'silent-model-regression', name: 'Silent model change or regression', description: 'Production answered with a model nobody approved, or quality dropped below the eval threshold.', owaspLlm: ['LLM09', 'LLM03'], severity: 'medium', owner: 'ai-lead', responseHours: 24 },
  { id: 'system-prompt-leak', name: 'System prompt leakage', description: 'The system prompt or its instructions were disclosed to a user.', owaspLlm: ['LLM07'], severity: 'medium', owner: 'ai-lead', responseHours: 24 },
  { id: 'runaway-consumption', name: 'Runaway model use or spend', description: 'A loop or abuse drove model calls or cost far beyond normal.', owaspLlm: ['LLM10'], severity: 'medium', owner: 'engineering-lead', responseHours: 8 },
  { id: 'unauthorized-access', name: 'Unauthorized access or account compromise', owaspLlm: [], severity: 'critical', owner: 'security-lead', responseHours: 1 },
  { id: 'data-loss', name: 'Data loss or corruption', owaspLlm: [], severity: 'high', owner: 'engineering-lead', responseHours: 4 },
  { id: 'service-outage', name: 'Service outage or degradation', owaspLlm: [], severity: 'high', owner: 'engineering-lead', responseHours: 2 },
  { id: 'vulnerability-exploited', name: 'Exploited vulnerability', owaspLlm: [], severity: 'high', owner: 'security-lead', responseHours: 4 },
  { id: 'vendor-incident', name: 'Incident at a vendor or model provider', owaspLlm: ['LLM03'], severity: 'medium', owner: 'security-lead', responseHours: 24 },
  { id: 'lost-device', name: 'Lost or stolen device', owaspLlm: [], severity: 'medium', owner: 'it-admin', responseHours: 24 },
];
