import { z } from 'zod';
import { identityKey, instant, recordBase } from './base.js';

/** A ticket (Jira issue, Linear issue) with its approval as the changelog shows it. */
export const ticketSchema = z.object({
  kind: z.literal('ticket'),
  ...recordBase,
  system: z.string().min(1),
  key: z.string().min(1),
  type: z.string().optional(),
  summary: z.string().optional(),
  status: z.string().optional(),
  created: instant,
  reporter: z.string().optional(),
  assignee: z.string().optional(),
  /** Who moved the ticket to an approved state, and when (from the changelog). */
  approvedBy: z.string().optional(),
  approvedAt: instant.optional(),
  resolvedAt: instant.optional(),
  labels: z.array(z.string()).default([]),
  links: z.array(z.string()).default([]),
  /** The person the request is about (access requests), when a field names one. */
  subjectEmail: z.string().optional(),
  /** Which configured rule found the subject (`field customfield_10050`, `label for:`, `summary /…/`). */
  subjectRule: z.string().optional(),
  priority: z.string().optional(),
});
export type TicketRecord = z.infer<typeof ticketSchema>;
/** Identity of a ticket: the system and its key (`SEC-12`). */
export const ticketIdentity = (r: TicketRecord): string => identityKey(r.system, r.key);
