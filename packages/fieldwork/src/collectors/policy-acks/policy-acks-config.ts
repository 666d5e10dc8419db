import { z } from 'zod';
import { fieldMappingSchema } from '../input/index.js';
import type { FieldAliases } from '../input/index.js';

/**
 * The fields of a policy acknowledgement export and the column titles accepted for each, so an
 * HR system's or e-signature tool's export (BambooHR, Rippling, DocuSign, a spreadsheet) reads
 * without a mapping when its titles are common ones.
 */
export const POLICY_ACK_FIELDS: FieldAliases = {
  email: ['work email', 'employee email', 'signer email', 'recipient email', 'user email', 'email address'],
  policy: ['policy id', 'policy name', 'document', 'document name', 'document title', 'template', 'envelope subject'],
  version: ['policy version', 'document version', 'revision'],
  sha256: ['policy sha256', 'document sha256', 'body sha256', 'text sha256', 'hash'],
  at: ['acknowledged at', 'acknowledged on', 'signed at', 'signed on', 'date signed', 'completed at', 'completed on', 'completed', 'signed'],
  status: ['ack status', 'signature status', 'envelope status'],
};

/** Fields a row must have. */
export const POLICY_ACK_REQUIRED = ['email', 'policy', 'at'] as const;

/**
 * Options of the `policy-acks-csv` source.
 *
 * @example
 * options:
 *   columns: { email: Signer Email, policy: Envelope Subject, at: Completed On }
 *   policies: { "Acme Code of Conduct": code-of-conduct }
 */
export const policyAcksCsvOptionsSchema = z.object({
  columns: fieldMappingSchema(POLICY_ACK_FIELDS).default({}),
  /** The export's document names → our policy ids (`policies/<id>.md`). Unlisted names are used as written. */
  policies: z.record(z.string(), z.string().min(1)).default({}),
  /** Status values (case-insensitive) that mean the person acknowledged; rows with another status are not acknowledgements. */
  acceptedStatuses: z.array(z.string()).default(['completed', 'complete', 'signed', 'acknowledged', 'accepted', 'agreed', 'yes', 'true', 'done']),
}).strict();
export type PolicyAcksCsvOptions = z.infer<typeof policyAcksCsvOptionsSchema>;
