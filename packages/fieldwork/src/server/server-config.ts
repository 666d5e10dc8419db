import { z } from 'zod';

/**
 * Who a request acts as: auditors read, owners also run collections and checks and submit
 * evidence, admins also list tokens, approvers read like auditors and accept or reject evidence.
 */
export const serverRoles = ['admin', 'owner', 'auditor', 'approver'] as const;
export type ServerRole = (typeof serverRoles)[number];

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a lowercase hex SHA-256 (64 characters), as `fieldwork serve token create` prints');

/** A token as stored in the workspace: only its SHA-256, never the token itself (the file lives in git). */
export const serverTokenSchema = z.object({
  name: z.string().min(1),
  role: z.enum(serverRoles),
  sha256: sha256Hex,
}).strict();
export type ServerToken = z.infer<typeof serverTokenSchema>;

/** The `server:` section of fieldwork.yaml. */
export const serverSectionSchema = z.object({
  tokens: z.array(serverTokenSchema).default([]).describe('API tokens by SHA-256: { name, role: admin|owner|auditor|approver, sha256 }.'),
}).strict();
export type ServerSection = z.infer<typeof serverSectionSchema>;
