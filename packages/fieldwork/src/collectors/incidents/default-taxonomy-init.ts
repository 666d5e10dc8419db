import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { WORKSPACE_FILE } from '../../workspace/load-workspace.js';
import type { Workspace } from '../../workspace/workspace-schema.js';
import { DEFAULT_INCIDENT_TAXONOMY } from './incident-taxonomy.js';

/**
 * An init hook: adds the default incident taxonomy to a new workspace's fieldwork.yaml as an
 * `incidents:` section (kept in fieldwork.yaml so checks read it with the rest of the
 * workspace), unless the workspace already declares one. Comments in the file are kept.
 */
export function addDefaultTaxonomy(dir: string, config: Workspace): void {
  if ((config as Record<string, unknown>).incidents !== undefined) return;
  const file = join(dir, WORKSPACE_FILE);
  const doc = parseDocument(readFileSync(file, 'utf8'));
  doc.set('incidents', doc.createNode({ taxonomy: DEFAULT_INCIDENT_TAXONOMY }));
  const node = doc.get('incidents', true) as { commentBefore?: string } | undefined;
  if (node) node.commentBefore = ' Incident categories: what incidents name, who owns them, how fast the first response is due.';
  writeFileSync(file, doc.toString({ lineWidth: 120 }));
}
