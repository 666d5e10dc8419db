import { z } from 'zod';

/** Options of the `policies-md` source (the workspace's policies/ folder). */
export const policiesOptionsSchema = z.object({}).strict();
export type PoliciesOptions = z.infer<typeof policiesOptionsSchema>;

/** An approval record written by `fieldwork policy approve`. */
export const approvalFileSchema = z.object({
  kind: z.literal('fieldwork.policy-approval/v1'),
  policy: z.string().min(1),
  version: z.string().min(1),
  approver: z.string().min(1),
  at: z.iso.datetime({ offset: true }),
  bodySha256: z.string().optional(),
});
