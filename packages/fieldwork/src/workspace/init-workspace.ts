import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { addDays, FieldworkError } from '@fieldwork/core';
import type { TscCategory } from '@fieldwork/core';
import { stringify } from 'yaml';
import { z } from 'zod';
import { WORKSPACE_FILE } from './load-workspace.js';
import { writeFileSafely } from './write-file-safely.js';
import { workspaceSchema } from './workspace-schema.js';
import type { Workspace } from './workspace-schema.js';
import { writePolicyTemplates } from '../policies/policy-files.js';
import { DEFAULT_INCIDENT_TAXONOMY } from '../collectors/incidents/incident-taxonomy.js';

export const SCHEMA_FILE = 'fieldwork.schema.json';

export interface InitOptions {
  dir: string;
  organization: string;
  timezone: string;
  owner: { name: string; email: string };
  /** People and the roles they hold (controls name an owner role). */
  people?: { name: string; email: string; roles: string[] }[];
  categories: TscCategory[];
  report: Workspace['scope']['report'];
  startDate: string;
  b2b: boolean;
  sources?: Workspace['sources'];
  /** Extra top-level sections (tools, taxonomy…) written as they are. */
  extra?: Record<string, unknown>;
  force?: boolean;
}

/** The JSON Schema of fieldwork.yaml, for editor completion. */
export function workspaceJsonSchema(): unknown {
  return z.toJSONSchema(workspaceSchema, { io: 'input', unrepresentable: 'any' });
}

/** Hooks that write more files into a new workspace (policy templates, taxonomy…). */
export type InitHook = (dir: string, config: Workspace) => void;
const hooks: InitHook[] = [];
/** Registers a hook run by {@link initWorkspace} after fieldwork.yaml is written. */
export function onInit(hook: InitHook): void {
  hooks.push(hook);
}

/** Writes fieldwork.yaml, its JSON Schema and a .gitignore; refuses to overwrite without force. */
export function initWorkspace(o: InitOptions): Workspace {
  mkdirSync(o.dir, { recursive: true });
  const file = join(o.dir, WORKSPACE_FILE);
  if (existsSync(file) && !o.force) {
    throw new FieldworkError('USAGE', `${file} already exists.`, { hint: 'Pass --force to overwrite it, or edit it by hand.' });
  }
  const raw = {
    $schema: `./${SCHEMA_FILE}`,
    organization: o.organization,
    timezone: o.timezone,
    startDate: o.startDate,
    scope: { categories: o.categories, report: o.report, systems: ['okta', 'github', 'aws'], b2b: o.b2b },
    owners: { compliance: { name: o.owner.name, email: o.owner.email, roles: ['compliance-owner'] }, people: o.people ?? [] },
    sources: o.sources ?? [{ name: 'policies', kind: 'policies-md', path: 'policies' }],
    controls: { overrides: [], add: [], exclude: [] },
    // The incident register is tested against this taxonomy, so every workspace starts with one.
    incidents: { taxonomy: DEFAULT_INCIDENT_TAXONOMY },
    ...(o.extra ?? {}),
  };
  const config = workspaceSchema.parse(raw);
  const header = [
    '# Fieldwork workspace. Keep it in git: changes to it are changes to your compliance program.',
    '# Edit `sources` to point at your exports (see the README for every kind), then run',
    '#   fieldwork collect && fieldwork check && fieldwork report',
    '',
  ].join('\n');
  writeFileSafely(file, header + stringify(raw, { lineWidth: 120 }), o.dir);
  writeFileSafely(join(o.dir, SCHEMA_FILE), JSON.stringify(workspaceJsonSchema(), null, 2) + '\n', o.dir);
  const gi = join(o.dir, '.gitignore');
  if (!existsSync(gi)) writeFileSafely(gi, '# The evidence store is local state; the workspace files are what you commit.\n.fieldwork/\n# The key of the hashes that stand in for end users (see docs/agent-instrumentation.md).\n.fieldwork-secret\n', o.dir);
  writePolicyTemplates(o.dir, config);
  for (const h of hooks) h(o.dir, config);
  return config;
}

/**
 * The default Type II window: the six months up to today. Evidence a team exports today covers
 * it, so `check` answers "where would we fail now" instead of testing a window that has not
 * happened yet (which could only ever be empty). `describe` says which window this is.
 */
export function defaultReport(today: string): { report: Workspace['scope']['report']; describe: string } {
  const from = addDays(today, -181);
  return { report: { type: 2, from, to: today }, describe: `the last six months up to today (${from} to ${today})` };
}
