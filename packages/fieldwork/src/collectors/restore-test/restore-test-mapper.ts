import { existsSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, posix, relative, resolve } from 'node:path';
import type { RestoreTestRecord } from '@fieldwork/core/records';
import { sha256File } from '../../evidence/index.js';
import { normalizeInstant } from '../input/index.js';
import type { RestoreTestFile } from './restore-test-config.js';

type Cite = { source: string; artifact: string; locator: string };

/** What the `evidence` entry points at, as far as Fieldwork can tell. */
export interface EvidenceCheck {
  /** Path relative to the workspace (the YAML's folder joined with the entry). */
  ref?: string;
  sha256?: string;
  /** Why there is no usable artifact. */
  problem?: string;
}

/** Checks the evidence file next to the YAML: it must exist and not be empty. */
export async function checkEvidence(entry: string | undefined, yamlPath: string, yamlDisplayName: string): Promise<EvidenceCheck> {
  if (!entry) return { problem: 'No evidence file named (evidence:), so the test left no artifact.' };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(entry)) return { problem: `Evidence is a link (${entry}), not a file; save the log or screenshot next to the YAML so it is kept as evidence.` };
  if (isAbsolute(entry)) return { problem: `Evidence path ${entry} is absolute; name it relative to the YAML file so it travels with the workspace.` };
  const ref = posix.normalize(posix.join(posix.dirname(yamlDisplayName.split('\\').join('/')), entry.split('\\').join('/')));
  const abs = resolve(dirname(yamlPath), entry);
  if (!existsSync(abs) || !statSync(abs).isFile()) return { problem: `Evidence file ${ref} does not exist.` };
  // Like folder sources, evidence stays inside: `../../etc/shadow` or a link out of the record's folder is not read.
  const rel = relative(realpathSync(dirname(yamlPath)), realpathSync(abs));
  if (rel.startsWith('..') || isAbsolute(rel)) return { problem: `Evidence path ${entry} leads out of the folder of ${yamlDisplayName}; keep the evidence file beside the YAML (not through a symlink).` };
  const { sha256, size } = await sha256File(abs);
  if (size === 0) return { problem: `Evidence file ${ref} is empty.` };
  return { ref, sha256 };
}

/** Maps a manual restore-test file to a restore_test record. */
export function mapRestoreTest(t: RestoreTestFile, evidence: EvidenceCheck, cite: Cite, where: { file: string; line?: number }, timezone: string, id: string): RestoreTestRecord {
  const performed = t.performed_at instanceof Date ? t.performed_at.toISOString() : t.performed_at;
  const at = normalizeInstant(performed, { ...where, pointer: '/performed_at' }, 'performed_at', timezone)!;
  const notes = [t.notes?.trim(), evidence.problem].filter((n): n is string => !!n);
  return {
    kind: 'restore_test',
    ...cite,
    tool: 'manual',
    resource: t.resource,
    id,
    at,
    status: t.result === 'success' ? 'completed' : 'failed',
    validation: t.result === 'success' ? 'successful' : 'failed',
    ...(evidence.ref ? { artifactRef: evidence.ref } : {}),
    ...(evidence.sha256 ? { artifactSha256: evidence.sha256 } : {}),
    ...(t.backup_id ? { recoveryPoint: t.backup_id } : {}),
    performedBy: t.performed_by,
    ...(notes.length ? { notes: notes.join(' ') } : {}),
  };
}
