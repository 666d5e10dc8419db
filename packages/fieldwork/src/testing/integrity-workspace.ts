import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCheckpointKey } from '../evidence/index.js';
import { FieldworkStore } from '../store/index.js';
import type { StoreLocation } from '../store/index.js';
import { loadWorkspace } from '../workspace/index.js';
import type { LoadedWorkspace } from '../workspace/index.js';
import { freshPostgresSchema } from './test-stores.js';

/** Column mapping of the small HR roster the integrity tests collect. */
const HR_OPTIONS = { columns: { id: 'Employee ID', name: 'Name', email: 'Work Email', startDate: 'Start Date', endDate: 'End Date' } };

/** A small HR roster (file `n`): employees, and one leaver per file. */
export function hrRoster(n: number): string {
  return ['Employee ID,Name,Work Email,Start Date,End Date',
    `e${n}-1,Ada ${n},ada${n}@example.com,2025-01-06,`,
    `e${n}-2,Ben ${n},ben${n}@example.com,2025-02-03,2026-03-31`,
    `e${n}-3,Cy ${n},cy${n}@example.com,2025-03-03,`].join('\n') + '\n';
}

/** A prompt log (hash-only: its bytes are never stored). */
export function promptLog(): string {
  return [
    { id: 'm1', timestamp: '2026-03-01T10:00:00Z', tenant: 'acme', role: 'user', content: 'my SSN is 219-45-8812' },
    { id: 'm2', timestamp: '2026-03-01T10:00:05Z', tenant: 'acme', role: 'assistant', content: 'I cannot store that.' },
  ].map((x) => JSON.stringify(x)).join('\n') + '\n';
}

/** A throwaway workspace with an HR source (a folder of rosters) and a prompt log, on either store. */
export interface IntegrityWorkspace {
  dir: string;
  ws: LoadedWorkspace;
  location: StoreLocation;
  /** Environment for a CLI run against the same store. */
  env: Record<string, string>;
  /** A signing key kept outside the workspace folder. */
  keyFile: string;
  open(): Promise<FieldworkStore>;
  /** Writes roster file `n` into the HR folder. */
  addRoster(n: number): void;
  dispose(): Promise<void>;
}

/** Creates an {@link IntegrityWorkspace}; on PostgreSQL in a fresh schema of FIELDWORK_TEST_DATABASE_URL. */
export async function integrityWorkspace(dialect: 'sqlite' | 'postgres'): Promise<IntegrityWorkspace> {
  const root = mkdtempSync(join(tmpdir(), 'fieldwork-integrity-'));
  const dir = join(root, 'ws');
  mkdirSync(join(dir, 'hr'), { recursive: true });
  writeFileSync(join(dir, 'fieldwork.yaml'), [
    'organization: Integrity Test', 'timezone: UTC', 'startDate: 2026-01-01',
    'scope:', '  categories: [security]', '  report: { type: 2, from: 2026-01-01, to: 2026-06-30 }',
    'owners:', '  compliance: { name: Owner, email: owner@example.com, roles: [compliance-owner] }', '  people: []',
    'sources:',
    `  - { name: hr, kind: hr-csv, path: hr, options: ${JSON.stringify(HR_OPTIONS)} }`,
    '  - { name: prompts, kind: prompt-log-jsonl, path: prompts.jsonl }',
  ].join('\n') + '\n');
  writeFileSync(join(dir, 'prompts.jsonl'), promptLog());
  const keyFile = join(root, 'checkpoint-key.pem');
  writeFileSync(keyFile, generateCheckpointKey().privateKeyPem, { mode: 0o600 });
  const schema = dialect === 'postgres' ? await freshPostgresSchema() : undefined;
  const location: StoreLocation = schema ? { dialect: 'postgres', url: schema.url } : FieldworkStore.locationFor(dir, {});
  return {
    dir, location, keyFile, ws: loadWorkspace(dir), env: schema ? { FIELDWORK_DATABASE_URL: schema.url } : {},
    open: () => FieldworkStore.open(location),
    addRoster: (n) => writeFileSync(join(dir, 'hr', `roster-${n}.csv`), hrRoster(n)),
    async dispose() {
      await schema?.drop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
