/** @module Who answers for a control's evidence: its owner role resolved to a person of the workspace. */

/** A person as `fieldwork.yaml` names them under `owners`. */
export interface OwnerPerson {
  name: string;
  email: string;
  roles?: readonly string[];
}

/** `owners` of the workspace: the compliance owner and the other people with their roles. */
export interface WorkspaceOwners {
  compliance: OwnerPerson;
  people?: readonly OwnerPerson[];
}

/** The person a request goes to, and how they were found. */
export interface RequestOwner {
  role: string;
  name: string | null;
  email: string | null;
  /** `role`: someone holds the role; `compliance_owner`: nobody does, so it falls to the compliance owner; `unresolved`: nobody at all. */
  resolvedBy: 'role' | 'compliance_owner' | 'unresolved';
}

/**
 * The person holding `role` (the first under `owners.people`, then the compliance owner when
 * they hold it), else the compliance owner as the fallback, said so in `resolvedBy`.
 *
 * @example resolveOwner('security-lead', { compliance: { name: 'Maya', email: 'maya@acme.test' }, people: [] }).resolvedBy // 'compliance_owner'
 */
export function resolveOwner(role: string, owners: WorkspaceOwners): RequestOwner {
  const holder = (owners.people ?? []).find((p) => p.roles?.includes(role))
    ?? (role === 'compliance-owner' || owners.compliance.roles?.includes(role) ? owners.compliance : undefined);
  if (holder) return { role, name: holder.name, email: holder.email, resolvedBy: 'role' };
  if (owners.compliance.name && owners.compliance.email) return { role, name: owners.compliance.name, email: owners.compliance.email, resolvedBy: 'compliance_owner' };
  return { role, name: null, email: null, resolvedBy: 'unresolved' };
}
