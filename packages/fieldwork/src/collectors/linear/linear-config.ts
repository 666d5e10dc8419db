import { z } from 'zod';
import { subjectRuleSchema } from '../input/index.js';

/** Options of the `linear-issues` source: Linear's GraphQL `issues` response, or the CSV export. */
export const linearOptionsSchema = z.object({
  /** Workflow states whose entry counts as the approval (from the issue history, when exported). */
  approvedStatuses: z.array(z.string().min(1)).min(1).default(['Approved', 'Done']),
  /**
   * Where an access request names the person it is for, tried in order: `{ label: 'for:' }`,
   * `{ summary: '<regex>' }` (the title), or `{ field: 'assignee' | 'creator' }`.
   */
  subjectRules: z.array(subjectRuleSchema).default([]),
}).strict();
export type LinearOptions = z.infer<typeof linearOptionsSchema>;

/** Columns a Linear CSV export (Settings → Import/Export → Export CSV) must have. */
export const LINEAR_CSV_REQUIRED = ['ID', 'Title', 'Status', 'Created'];
