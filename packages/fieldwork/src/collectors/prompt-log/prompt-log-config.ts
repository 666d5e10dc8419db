import { z } from 'zod';

const names = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

/** Options of the `prompt-log-jsonl` source: which field holds what (the first present name wins). */
export const promptLogOptionsSchema = z.object({
  /** The store name the records count against for retention (default: the source name). */
  store: z.string().min(1).optional(),
  fields: z.object({
    id: names.default(['id', 'message_id', 'messageId']),
    timestamp: names.default(['timestamp', 'created_at', 'createdAt', 'time', 'ts']),
    tenant: names.default(['tenant', 'tenant_id', 'tenantId']),
    conversation: names.default(['conversation', 'conversation_id', 'conversationId', 'session_id', 'thread_id']),
    role: names.default(['role']),
    content: names.default(['content', 'text', 'message']),
    user: names.default(['user', 'user_id', 'userId', 'end_user']),
  }).strict().default({
    id: ['id', 'message_id', 'messageId'], timestamp: ['timestamp', 'created_at', 'createdAt', 'time', 'ts'], tenant: ['tenant', 'tenant_id', 'tenantId'],
    conversation: ['conversation', 'conversation_id', 'conversationId', 'session_id', 'thread_id'], role: ['role'], content: ['content', 'text', 'message'],
    user: ['user', 'user_id', 'userId', 'end_user'],
  }),
  /** Redacted excerpts kept per record (counts are always complete). */
  maxExcerpts: z.number().int().min(0).max(10).default(3),
}).strict();
export type PromptLogOptions = z.infer<typeof promptLogOptionsSchema>;
