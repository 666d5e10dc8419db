import type { AccessAction, AccessEventRecord } from '@fieldwork/core/records';
import { z } from 'zod';

const modifiedPropertySchema = z.object({ displayName: z.string().nullish(), oldValue: z.string().nullish(), newValue: z.string().nullish() }).loose();
const targetSchema = z.object({
  id: z.string().nullish(),
  displayName: z.string().nullish(),
  type: z.string().nullish(),
  '@odata.type': z.string().nullish(),
  userPrincipalName: z.string().nullish(),
  groupType: z.string().nullish(),
  modifiedProperties: z.array(modifiedPropertySchema).nullish(),
}).loose();
type Target = z.infer<typeof targetSchema>;

/** The fields of a Graph `directoryAudit` we read; the rest stays in the artifact. */
export const directoryAuditSchema = z.object({
  id: z.string().min(1),
  activityDisplayName: z.string().min(1),
  activityDateTime: z.string().min(1),
  category: z.string().nullish(),
  result: z.string().nullish(),
  loggedByService: z.string().nullish(),
  initiatedBy: z.object({
    user: z.object({ id: z.string().nullish(), displayName: z.string().nullish(), userPrincipalName: z.string().nullish() }).loose().nullish(),
    app: z.object({ appId: z.string().nullish(), displayName: z.string().nullish(), servicePrincipalName: z.string().nullish() }).loose().nullish(),
  }).loose().nullish(),
  targetResources: z.array(targetSchema).nullish(),
}).loose();
export type DirectoryAudit = z.infer<typeof directoryAuditSchema>;

/**
 * An Azure Monitor diagnostic record (`category: AuditLogs`): the directoryAudit sits in
 * `properties`, with `time` and `operationName` outside it.
 */
export const diagnosticRecordSchema = z.object({
  time: z.string().nullish(),
  operationName: z.string().nullish(),
  category: z.string().nullish(),
  properties: z.record(z.string(), z.unknown()),
}).loose();

/** Activities (as `activityDisplayName` shows them) → action. Unlisted activities are evidence only. */
const ACTIONS: Record<string, AccessAction> = {
  'add user': 'create',
  'delete user': 'delete',
  'hard delete user': 'delete',
  'restore user': 'activate',
  'disable account': 'deactivate',
  'enable account': 'activate',
  'add member to group': 'grant',
  'remove member from group': 'revoke',
  'add app role assignment to user': 'grant',
  'remove app role assignment from user': 'revoke',
  'add member to role': 'role_change',
  'remove member from role': 'role_change',
  'add eligible member to role': 'role_change',
  'user registered security info': 'mfa_enroll',
  'user deleted security info': 'mfa_reset',
  'admin deleted security info': 'mfa_reset',
};

const odataType = (t: Target) => (t.type ?? t['@odata.type'] ?? '').toLowerCase();
const isUser = (t: Target) => odataType(t).endsWith('user') || !!t.userPrincipalName;
const unquote = (v: string | null | undefined) => v?.replace(/^\[?"?|"?\]?$/g, '').trim() || undefined;

function modified(targets: Target[], name: string): { oldValue?: string; newValue?: string } | undefined {
  for (const t of targets) {
    const p = (t.modifiedProperties ?? []).find((m) => m.displayName?.toLowerCase() === name.toLowerCase());
    if (p) return { oldValue: unquote(p.oldValue), newValue: unquote(p.newValue) };
  }
  return undefined;
}

/** The action of an audit event; `Update user` counts only when it turns the account off or on. */
export function entraAction(a: DirectoryAudit): AccessAction | undefined {
  const name = a.activityDisplayName.trim().toLowerCase();
  if (name === 'update user') {
    const enabled = modified(a.targetResources ?? [], 'AccountEnabled')?.newValue?.toLowerCase();
    return enabled === 'false' ? 'deactivate' : enabled === 'true' ? 'activate' : undefined;
  }
  return ACTIONS[name];
}

/**
 * Maps a directoryAudit to an `access_event`: the account is the target user's UPN (for
 * security-info registration, where the user acts on themselves, the initiator's).
 */
export function mapDirectoryAudit(a: DirectoryAudit, includeFailures: boolean, cite: { source: string; artifact: string; locator: string }): AccessEventRecord | undefined {
  const action = entraAction(a);
  if (!action) return undefined;
  const result = a.result?.toLowerCase();
  if (result && result !== 'success' && !includeFailures) return undefined;
  const targets = a.targetResources ?? [];
  const user = targets.find(isUser);
  // Entra renames a deleted user's UPN to `<object id without dashes><upn>`; the person is the original UPN.
  const deletedPrefix = user?.id?.replace(/-/g, '').toLowerCase();
  const upn = user?.userPrincipalName && deletedPrefix && user.userPrincipalName.toLowerCase().startsWith(deletedPrefix) ? user.userPrincipalName.slice(deletedPrefix.length) : user?.userPrincipalName;
  const account = upn ?? (action === 'mfa_enroll' || action === 'mfa_reset' ? a.initiatedBy?.user?.userPrincipalName ?? undefined : undefined);
  if (!account) return undefined;
  const at = new Date(a.activityDateTime);
  if (Number.isNaN(at.getTime())) return undefined;
  const other = targets.find((t) => t !== user && (t.displayName || t.id));
  const target = action === 'grant' || action === 'revoke' || action === 'role_change'
    ? modified(targets, 'Group.DisplayName')?.newValue ?? modified(targets, 'Group.DisplayName')?.oldValue
      ?? modified(targets, 'Role.DisplayName')?.newValue ?? modified(targets, 'Role.DisplayName')?.oldValue
      ?? modified(targets, 'ServicePrincipal.DisplayName')?.newValue ?? other?.displayName ?? other?.id ?? undefined
    : undefined;
  const actor = a.initiatedBy?.user?.userPrincipalName ?? a.initiatedBy?.app?.displayName ?? undefined;
  return {
    kind: 'access_event',
    ...cite,
    system: 'entra',
    eventId: a.id,
    eventType: a.activityDisplayName,
    action,
    at: at.toISOString(),
    account,
    ...(user?.id ? { accountId: user.id } : {}),
    ...(account.includes('@') ? { email: account.toLowerCase() } : {}),
    ...(actor ? { actor } : {}),
    ...(target ? { target } : {}),
    ...(a.result ? { outcome: a.result } : {}),
  };
}
