import { FieldworkError } from '@fieldwork/core';
import type { Workspace } from './workspace-schema.js';

/** The owner `fieldwork init` writes when nobody was named (`--yes`, no TTY, Enter at the prompt). */
export const PLACEHOLDER_OWNER = { name: 'Compliance Owner', email: 'compliance@example.com' } as const;

// RFC 2606 reserves these for examples: nobody real answers at them.
const EXAMPLE_DOMAIN = /@(?:[^@]+\.)?(?:example\.(?:com|net|org)|[^@]*\.example|[^@]*\.invalid)$/i;

/**
 * True for a person who stands in for a real one: the init placeholder, or an address at a
 * domain reserved for examples. A placeholder never counts as a named owner or approver.
 *
 * @example
 * isPlaceholderPerson({ name: 'Compliance Owner', email: 'compliance@example.com' }) // true
 */
export function isPlaceholderPerson(p: { name: string; email?: string }): boolean {
  return p.name.trim() === PLACEHOLDER_OWNER.name || EXAMPLE_DOMAIN.test((p.email ?? '').trim());
}

/** A person the workspace names, who may approve policies. */
export interface NamedApprover {
  name: string;
  email?: string;
}

/**
 * Who may approve: the compliance owner, the other owners, and anyone under `approvers:` in
 * fieldwork.yaml, placeholders left out.
 */
export function namedApprovers(config: Workspace): NamedApprover[] {
  const owners = [config.owners.compliance, ...config.owners.people].filter((p) => !isPlaceholderPerson(p));
  const extra = (config.approvers ?? []).filter((p) => !isPlaceholderPerson(p));
  return [...owners, ...extra].map((p) => ({ name: p.name, ...(p.email ? { email: p.email } : {}) }));
}

/**
 * The approver named by `--by` (a name or an email, any case), as the workspace spells the
 * name; a `USAGE` error listing who may approve when the workspace does not name them.
 */
export function resolveApprover(config: Workspace, by: string): NamedApprover {
  const wanted = by.trim().toLowerCase();
  const all = namedApprovers(config);
  const hit = all.find((p) => p.name.trim().toLowerCase() === wanted || p.email?.trim().toLowerCase() === wanted);
  if (hit) return hit;
  const list = all.map((p) => (p.email ? `${p.name} <${p.email}>` : p.name));
  throw new FieldworkError('USAGE', `${by} is not named in fieldwork.yaml, so their approval would not show authority.`, {
    hint: list.length
      ? `Approvers: ${list.join(', ')}. Add a person under owners.people or approvers: in fieldwork.yaml first.`
      : 'fieldwork.yaml names nobody yet (the compliance owner is a placeholder): set owners.compliance to a real person, or list approvers: with name and email.',
  });
}
