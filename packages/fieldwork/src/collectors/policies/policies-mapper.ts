import type { PolicyApprovalRecord, PolicyRecord } from '@fieldwork/core';
import type { PolicyFile } from '../../policies/index.js';
import type { z } from 'zod';
import type { approvalFileSchema } from './policies-config.js';

type Cite = { source: string; artifact: string; locator: string };

/** A policy file → a `policy` record. */
export function mapPolicy(p: PolicyFile, cite: Cite): PolicyRecord {
  const f = p.front;
  return {
    kind: 'policy', ...cite, id: f.id, title: f.title, version: f.version,
    ...(f.owner ? { owner: f.owner } : {}),
    ...(f.approved_by ? { approvedBy: f.approved_by } : {}),
    ...(f.approved_at ? { approvedAt: f.approved_at } : {}),
    ...(f.next_review ? { nextReview: f.next_review } : {}),
    ...(f.type ? { type: f.type } : {}),
    bodySha256: p.bodySha256,
  };
}

/** An approval file → a `policy_approval` record. */
export function mapApproval(a: z.infer<typeof approvalFileSchema>, cite: Cite): PolicyApprovalRecord {
  return { kind: 'policy_approval', ...cite, policy: a.policy, version: a.version, approver: a.approver, at: new Date(a.at).toISOString(), ...(a.bodySha256 ? { bodySha256: a.bodySha256 } : {}) };
}
