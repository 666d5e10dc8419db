/** @module Who may submit manual evidence and who may decide on it. */
import { FieldworkError } from '@fieldwork/core';
import { isPlaceholderPerson } from '../workspace/index.js';
import type { Workspace } from '../workspace/index.js';

/** A person the workspace names. */
export interface NamedPerson {
  name: string;
  email?: string;
}

const same = (p: NamedPerson, by: string) => p.name.trim().toLowerCase() === by.trim().toLowerCase() || p.email?.trim().toLowerCase() === by.trim().toLowerCase();
const label = (p: NamedPerson) => (p.email ? `${p.name} <${p.email}>` : p.name);

/** Everyone the workspace names (owners and approvers), placeholders left out. */
export function namedPeople(config: Workspace): NamedPerson[] {
  const all = [config.owners.compliance, ...config.owners.people, ...(config.approvers ?? [])].filter((p) => !isPlaceholderPerson(p));
  return all.map((p) => ({ name: p.name, ...(p.email ? { email: p.email } : {}) }));
}

/**
 * Who may accept or reject evidence and declare an occurrence not applicable: the compliance
 * owner, everyone under `approvers:`, everyone `policies.approvers` names, and owners holding the
 * `approver` role. Other owners submit evidence but do not decide on it.
 */
export function evidenceApprovers(config: Workspace): NamedPerson[] {
  const people = namedPeople(config);
  const named = (config.policies?.approvers ?? []).map((by) => people.find((p) => same(p, by))).filter((p): p is NamedPerson => !!p);
  const out = [
    ...(isPlaceholderPerson(config.owners.compliance) ? [] : [config.owners.compliance]),
    ...(config.approvers ?? []).filter((p) => !isPlaceholderPerson(p)),
    ...named,
    ...config.owners.people.filter((p) => p.roles.includes('approver') && !isPlaceholderPerson(p)),
  ];
  const seen = new Set<string>();
  return out.filter((p) => !seen.has(p.name) && !!seen.add(p.name)).map((p) => ({ name: p.name, ...(p.email ? { email: p.email } : {}) }));
}

/** The person `--by` names (a name or an email, any case) as the workspace spells them; USAGE otherwise. */
export function resolveSubmitter(config: Workspace, by: string): NamedPerson {
  const hit = namedPeople(config).find((p) => same(p, by));
  if (hit) return hit;
  throw new FieldworkError('USAGE', `${by || '(nobody)'} is not named in fieldwork.yaml, so evidence from them could not be traced to a person.`, {
    hint: `People: ${namedPeople(config).map(label).join(', ') || 'none yet'}. Add them under owners.people (with their roles) first.`,
  });
}

/** The approver `--by` names; USAGE listing who may decide when they may not. */
export function resolveEvidenceApprover(config: Workspace, by: string): NamedPerson {
  const all = evidenceApprovers(config);
  const hit = all.find((p) => same(p, by));
  if (hit) return hit;
  throw new FieldworkError('USAGE', `${by || '(nobody)'} may not decide on evidence.`, {
    hint: all.length
      ? `Approvers: ${all.map(label).join(', ')}. Add a person under approvers: (or policies.approvers, or the approver role) in fieldwork.yaml.`
      : 'fieldwork.yaml names no approver: set owners.compliance to a real person, or list approvers: with name and email.',
  });
}
