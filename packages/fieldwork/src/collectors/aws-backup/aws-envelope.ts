import { FieldworkError } from '@fieldwork/core/errors';
import type { Where } from '@fieldwork/core/errors';

/** An AWS response object and the JSON pointer at which it sits in the file. */
export interface AwsResponse {
  body: Record<string, unknown>;
  pointer: string;
}

/**
 * Unwraps the recording envelopes AWS responses are saved in: placebo (`{status_code, data}`,
 * as in cloud-custodian test data) and botocore's `{ResponseMetadata, …}` (left in place, ignored).
 */
export function unwrapAwsResponse(value: Record<string, unknown>, pointer: string): AwsResponse {
  if (typeof value.status_code === 'number' && value.data && typeof value.data === 'object' && !Array.isArray(value.data)) {
    return { body: value.data as Record<string, unknown>, pointer: `${pointer}/data` };
  }
  return { body: value, pointer };
}

/** Names the AWS Backup operation a response comes from, for responses that are not job history. */
export function otherAwsBackupOperation(body: Record<string, unknown>): string | undefined {
  if ('BackupPlan' in body && 'BackupPlanId' in body) return 'GetBackupPlan (a backup plan definition)';
  if (Array.isArray(body.BackupPlansList)) return 'ListBackupPlans (backup plan names)';
  if ('BackupVaultName' in body && 'NumberOfRecoveryPoints' in body) return 'DescribeBackupVault (a vault description)';
  if (Array.isArray(body.BackupVaultList)) return 'ListBackupVaults (vault names)';
  if (Array.isArray(body.BackupSelectionsList) || 'BackupSelection' in body) return 'a backup selection';
  if (Array.isArray(body.Results) && 'ResourceTypeOptInPreference' in body) return 'DescribeRegionSettings';
  if (Array.isArray(body.CopyJobs)) return 'ListCopyJobs (copy jobs)';
  if (Array.isArray(body.ProtectedResources)) return 'ListProtectedResources (what is protected, not when it was backed up)';
  return undefined;
}

/** The error for a file that holds some other AWS response, or other JSON altogether. */
export function wrongAwsOperation(file: string, pointer: string, expected: string, operation: string | undefined, hint: string): FieldworkError {
  const what = operation ? `an AWS Backup ${operation} response, not ${expected}` : `not ${expected}`;
  return new FieldworkError('INPUT_WRONG_FORMAT', `${file} is ${what}.`, { where: { file, pointer: pointer || '/' }, hint });
}

/** INPUT_INVALID_RECORD for a zod issue inside an entry, pointing at the field. */
export function invalidAwsEntry(issue: { path: PropertyKey[]; message: string }, where: Where, what: string): FieldworkError {
  const field = issue.path.map(String).join('/');
  return new FieldworkError('INPUT_INVALID_RECORD', `${where.file}: malformed ${what} (${field || 'entry'}: ${issue.message}).`, {
    where: { ...where, pointer: `${where.pointer === '/' ? '' : where.pointer ?? ''}/${field}` },
    hint: 'The value at that place is missing or not in the form AWS writes it; export the file again without editing it.',
  });
}
