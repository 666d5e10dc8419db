import { agentAttributeNamesSchema } from '@fieldwork/core';
import { z } from 'zod';

/** Options of the `langfuse-export` source. */
export const langfuseOptionsSchema = z.object({
  /** Attribute-name overrides, as for otlp-json (looked up in each observation's metadata). */
  attributes: agentAttributeNamesSchema.optional(),
  /** Service name the observations count as (Langfuse has no service; default: metadata service.name, else `langfuse`). */
  service: z.string().min(1).optional(),
  /** The agent's own principals (default: agent.serviceIdentities): credential subjects kept by name; every other subject is stored as its keyed hash. */
  serviceIdentities: z.array(z.string().min(1)).default([]),
  /** Store name for retention (default: the source name). */
  store: z.string().min(1).optional(),
  /** Metadata keys holding the tenant, tried after the tenant attribute name. */
  tenantKeys: z.array(z.string().min(1)).default(['tenant', 'tenantId', 'tenant_id']),
  argumentPrefixes: z.array(z.string().min(1)).default(['app.']),
  /** `pii`: a prompt_record only for input/output with PII; `all`: for every input and output; `none`: do not scan. */
  promptRecords: z.enum(['pii', 'all', 'none']).default('pii'),
}).strict();
export type LangfuseOptions = z.infer<typeof langfuseOptionsSchema>;
