import { FieldworkError } from '@fieldwork/core/errors';
import type { PolicyAckRecord } from '@fieldwork/core/records';
import { instantFromCell } from '../input/index.js';
import type { MappedCsvRow } from '../input/index.js';
import type { PolicyAcksCsvOptions } from './policy-acks-config.js';

/**
 * One export row as an acknowledgement, or undefined when its status says it was not given
 * (sent, declined, voided). A row must name the version by number or by the text's SHA-256.
 */
export function mapPolicyAckRow(r: MappedCsvRow, options: PolicyAcksCsvOptions, cite: { source: string; artifact: string; locator: string }, file: string, timeZone: string): PolicyAckRecord | undefined {
  const where = { file, line: r.line };
  const v = r.value;
  if (v.status !== undefined && !options.acceptedStatuses.some((s) => s.toLowerCase() === v.status!.toLowerCase())) return undefined;
  for (const f of ['email', 'policy', 'at'] as const) {
    if (!v[f]) throw new FieldworkError('INPUT_INVALID_RECORD', `${file}: line ${r.line} has no ${f} (column "${r.column[f] ?? f}").`, { where, hint: 'Every acknowledgement needs who, which policy and when.' });
  }
  const sha = v.sha256?.toLowerCase();
  if (sha !== undefined && !/^[0-9a-f]{64}$/.test(sha)) {
    throw new FieldworkError('INPUT_INVALID_RECORD', `${file}: line ${r.line}: "${v.sha256}" in column "${r.column.sha256}" is not a SHA-256 hex digest.`, { where, hint: 'The text hash is the 64-character SHA-256 that `fieldwork policy` prints for each version.' });
  }
  if (!v.version && !sha) {
    throw new FieldworkError('INPUT_INVALID_RECORD', `${file}: line ${r.line} names neither the policy version nor the SHA-256 of its text.`, { where, hint: 'Add a version column (options.columns.version) or a text hash column (options.columns.sha256): an acknowledgement must say which text was read.' });
  }
  const policy = options.policies[v.policy] ?? v.policy;
  return {
    kind: 'policy_ack',
    ...cite,
    email: v.email.toLowerCase(),
    policy,
    ...(v.version ? { version: v.version.replace(/^v(?=\d)/i, '') } : {}),
    ...(sha ? { bodySha256: sha } : {}),
    at: instantFromCell(v.at, where, r.column.at ?? 'at', timeZone),
    method: 'import',
  };
}
