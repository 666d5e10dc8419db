import { join } from 'node:path';
import { addDays, FieldworkError, localDate } from '@fieldwork/core';
import type { FieldworkRecord } from '@fieldwork/core';
import { sha256File } from '../evidence/index.js';
import type { FieldworkStore } from '../store/index.js';
import { resolveApprover } from '../workspace/index.js';
import type { LoadedWorkspace } from '../workspace/index.js';
import { writeFileSafely } from '../workspace/index.js';
import { formatPolicy, POLICIES_DIR, readPolicy } from './policy-files.js';

export interface ApprovalResult {
  policy: string;
  version: string;
  approver: string;
  at: string;
  nextReview: string;
  evidenceFile: string;
  artifact: string;
  seq: number;
}

/** A policy id: it names files (`policies/<id>.md`, `approvals/<id>-v…json`), so no path parts. */
const POLICY_ID = /^[a-z0-9][a-z0-9-]*$/;
/** A policy version (`1.0`, `2.1-draft`): part of the approval file name, so no path separators. */
const POLICY_VERSION = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Records an approval of the policy's current text: the front matter is updated, and an
 * approval record (policy, version, approver, time, SHA-256 of the approved body) is written
 * to policies/approvals/ and stored as evidence in the ledger.
 */
export async function approvePolicy(ws: LoadedWorkspace, store: FieldworkStore, id: string, approver: string, now = new Date()): Promise<ApprovalResult> {
  if (!approver.trim()) throw new FieldworkError('USAGE', 'An approval needs the approver: --by NAME.');
  if (!POLICY_ID.test(id)) {
    throw new FieldworkError('USAGE', `"${id}" is not a policy id.`, { hint: 'A policy id is lowercase letters, digits and hyphens (e.g. access-control), as in the file name policies/<id>.md.' });
  }
  const { file, policy } = readPolicy(ws.dir, id);
  // The front matter is user-edited text that ends up in a file name: refuse anything that could leave approvals/.
  const rel = `${POLICIES_DIR}/${id}.md`;
  if (!POLICY_ID.test(policy.front.id)) {
    throw new FieldworkError('INPUT_INVALID_RECORD', `${rel}: the front matter id "${policy.front.id}" is not a policy id.`, { where: { file: rel, pointer: '/id' }, hint: 'Use lowercase letters, digits and hyphens only, normally the file name without .md.' });
  }
  if (!POLICY_VERSION.test(policy.front.version)) {
    throw new FieldworkError('INPUT_INVALID_RECORD', `${rel}: the front matter version "${policy.front.version}" is not a version.`, { where: { file: rel, pointer: '/version' }, hint: 'Use letters, digits, dots, hyphens and underscores only (e.g. 1.0).' });
  }
  // Only someone the workspace names carries authority; the approval records their name as written there.
  approver = resolveApprover(ws.config, approver).name;
  const day = localDate(now, ws.config.timezone);
  const at = now.toISOString();
  const nextReview = addDays(day, 365);
  const approval = { kind: 'fieldwork.policy-approval/v1', policy: policy.front.id, title: policy.front.title, version: policy.front.version, approver, at, bodySha256: policy.bodySha256 };
  const dir = join(ws.dir, POLICIES_DIR, 'approvals');
  const evidenceFile = join(dir, `${policy.front.id}-v${policy.front.version}-${day}.json`);
  writeFileSafely(evidenceFile, JSON.stringify(approval, null, 2) + '\n', ws.dir);
  const { sha256, size } = await sha256File(evidenceFile);
  async function* records(): AsyncGenerator<FieldworkRecord> {
    yield { kind: 'policy_approval', source: 'policy-approvals', artifact: sha256, locator: '/', policy: policy.front.id, version: policy.front.version, approver, at, bodySha256: policy.bodySha256 };
  }
  const name = `${POLICIES_DIR}/approvals/${evidenceFile.split('/').pop()}`;
  const res = await store.ingest({ sha256, size, name, mediaType: 'application/json', source: 'policy-approvals', kind: 'policy-approval', origin: `fieldwork policy approve ${id} --by ${approver}`, path: evidenceFile, records: records() });
  writeFileSafely(file, formatPolicy({ ...policy.front, approved_by: approver, approved_at: day, next_review: nextReview }, policy.body), ws.dir);
  return { policy: policy.front.id, version: policy.front.version, approver, at, nextReview, evidenceFile, artifact: sha256, seq: res.entry.seq };
}
