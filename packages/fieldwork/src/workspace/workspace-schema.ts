import { agentSectionSchema, isValidTimeZone, toolDeclarationSchema, tscCategories } from '@fieldwork/core';
import { backupsSectionSchema, REQUIRED_POLICIES, risksSectionSchema } from '@fieldwork/core';
import { identitySectionSchema } from '@fieldwork/core';
import { z } from 'zod';
import { incidentsSectionSchema } from '../collectors/incidents/incident-taxonomy.js';
import { probeConfigSchema } from '../probe/probe-config.js';
import { serverSectionSchema } from '../server/server-config.js';
import { scheduleSectionSchema } from '../schedule/schedule-config.js';
import { notificationsSectionSchema } from '../notify/notifications-config.js';

const date = z.iso.date();

/** One evidence source: a file, a glob or a live API, and the collector kind that reads it. */
export const sourceSchema = z
  .object({
    name: z.string().min(1).optional().describe('Unique name; defaults to the kind (plus a number when repeated).'),
    kind: z.string().min(1).describe('Collector kind, e.g. okta-system-log, bamboohr-csv, trivy-json.'),
    path: z.string().min(1).optional().describe('File or folder, relative to the workspace.'),
    glob: z.string().min(1).optional().describe('Glob of files, relative to the workspace (e.g. exports/trivy/*.json).'),
    options: z.record(z.string(), z.unknown()).optional().describe('Kind-specific options (column mapping, API settings).'),
    followSymlinks: z.boolean().optional().describe('Follow symlinks that lead out of the source folder (off: such a link is refused).'),
    outsideWorkspace: z.boolean().optional().describe('Allow a path or glob outside the workspace folder (off: refused).'),
    allFiles: z.boolean().optional().describe('Read every file in the folder, not only the file types the kind reads.'),
  })
  .strict();
export type SourceConfig = z.infer<typeof sourceSchema>;

const personSchema = z.object({
  name: z.string().min(1),
  email: z.string().min(3),
  roles: z.array(z.string()).default([]),
});

const reportSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal(1), asOf: date.describe('Type I: the date at which design and implementation are assessed.') }),
  z.object({ type: z.literal(2), from: date, to: date }).refine((r) => r.from <= r.to, { message: 'from must not be after to' }),
]);

/** `fieldwork.yaml`: the workspace. Validated on every command; its JSON Schema is written beside it. */
export const workspaceSchema = z
  .object({
    $schema: z.string().optional(),
    organization: z.string().min(1),
    timezone: z.string().refine(isValidTimeZone, { message: 'not an IANA timezone (e.g. Europe/Berlin, America/New_York, UTC)' }),
    startDate: date.optional().describe('Day 1 of the readiness plan.'),
    scope: z.object({
      categories: z.array(z.enum(tscCategories)).min(1).refine((c) => c.includes('security'), { message: 'security is always in scope' }),
      report: reportSchema,
      systems: z.array(z.string()).default([]).describe('In-scope systems (access reviews are expected for each).'),
      b2b: z.boolean().optional(),
    }),
    owners: z.object({
      compliance: personSchema.describe('The compliance owner: pick the owner first.'),
      people: z.array(personSchema).default([]),
    }),
    approvers: z.array(z.object({ name: z.string().min(1), email: z.string().min(3).optional() }).strict()).optional()
      .describe('People besides the owners who may approve policies (fieldwork policy approve --by).'),
    sources: z.array(sourceSchema).default([]),
    identity: identitySectionSchema.optional().describe('Identity checks: break-glass and service accounts (not people, not expected to use MFA) and the words that mark non-production apps.'),
    backups: backupsSectionSchema.optional().describe('Backed-up resources: name (as collectors emit it), critical, cadenceDays.'),
    tools: z.array(toolDeclarationSchema).optional().describe('The agent tool inventory: resource, scopes, identity mode, risk, approval threshold.'),
    agent: agentSectionSchema.optional().describe('Agent platform settings: attribute names, the agent\'s own identities, prompt/trace stores and their retention.'),
    policies: z.object({
      approvers: z.array(z.string().min(1)).optional().describe('Who may approve policies (names or emails); default: owners with an approving role.'),
      map: z.record(z.string().min(1), z.enum(REQUIRED_POLICIES)).optional()
        .describe('The organization\'s own policy ids mapped to the required policies, e.g. { "ISP-04": access-control }. A policy\'s front matter `type:` does the same.'),
    }).loose().optional(),
    risks: risksSectionSchema.optional().describe('The risk register\'s scale (likelihood × impact, 1..N), where medium and high start, and the default review cadence (docs/risk-register.md).'),
    evidence: z.object({
      graceDays: z.number().int().min(0).optional().describe('Days after an occurrence ends until its evidence is due (default 30; a control\'s graceDays parameter wins).'),
      dueSoonDays: z.number().int().min(0).optional().describe('Days before a due date (or a lapse) a request turns due soon (default 14).'),
      maxFileBytes: z.number().int().positive().optional().describe('Largest evidence file accepted by `evidence add` and the dashboard (default 25 MB).'),
    }).strict().optional().describe('Manual evidence requests: grace, due-soon days and the largest file (fieldwork evidence).'),
    incidents: incidentsSectionSchema.optional().describe('The incident taxonomy: categories with OWASP LLM ids, severity, owner and response hours.'),
    frameworks: z.array(z.object({
      requirements: z.string().min(1).optional().describe('A framework\'s requirements file (JSON or YAML), relative to the workspace.'),
      mapping: z.string().min(1).describe('The mapping of our controls to its requirements (JSON or YAML); alone, it adds mappings to a framework already known.'),
    }).strict()).optional().describe('Frameworks added as data beside the built-in ones (ISO/IEC 42001, NIST AI RMF, EU AI Act, OWASP LLM); see docs/frameworks.md.'),
    ai: z.object({
      providers: z.record(z.string().min(1), z.union([z.string().min(1), z.array(z.string().min(1)).min(1)])).optional()
        .describe('Model provider names as traces carry them (gen_ai.provider.name) mapped to their vendor names in the inventory, e.g. { my-gateway: Portkey }.'),
    }).loose().optional().describe('AI system register settings.'),
    probe: probeConfigSchema.optional().describe('The isolation probe: adapter (http | postgres | memory), store, tenants and the adapter settings.'),
    server: serverSectionSchema.optional().describe('fieldwork serve: API tokens by SHA-256 hash and role (admin, owner, auditor, approver).'),
    schedule: scheduleSectionSchema.optional().describe('fieldwork serve runs these on its own: collect, check or registered jobs, each on a cron expression.'),
    notifications: notificationsSectionSchema.optional().describe('Digests of what needs each owner: email (SMTP) and Slack-compatible webhook channels, per-person events and channels. Secrets only by environment variable name.'),
    runs: z.object({
      keep: z.number().int().min(2).optional().describe('Check and audit runs of each type kept in full, with their exception rows (default 5; at least 2, the digest compares the latest two). Older runs keep their results only.'),
    }).strict().optional().describe('Stored runs: how many are kept with their exceptions (docs/reports.md).'),
    audit: z
      .object({
        responses: z.record(z.string(), z.string().min(1)).default({}).describe('Management\'s response per control id, printed under that control\'s exceptions in the mock audit.'),
      })
      .optional()
      .describe('Mock audit settings: management\'s responses to exceptions.'),
    controls: z
      .object({
        overrides: z.array(z.object({
          id: z.string(),
          params: z.record(z.string(), z.unknown()).optional(),
          ownerRole: z.string().optional(),
          frequency: z.string().optional(),
          automated: z.boolean().optional().describe('A system enforces it the same way every time: any deviation is an exception that cannot be isolated.'),
          zeroTolerance: z.boolean().optional().describe('Any deviation is an exception that cannot be called isolated.'),
          zeroToleranceRules: z.array(z.string()).optional().describe('Exception rule ids that are zero-tolerance in this control (e.g. change.direct_push).'),
        }).strict()).default([]),
        add: z.array(z.record(z.string(), z.unknown())).default([]),
        exclude: z.array(z.object({ id: z.string(), reason: z.string().min(3) })).default([]),
      })
      .default({ overrides: [], add: [], exclude: [] }),
  })
  .loose();
export type Workspace = z.infer<typeof workspaceSchema>;
