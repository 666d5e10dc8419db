import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isFieldworkError } from '@fieldwork/core/errors';
import { parseFile, parseFileReport } from '../../testing/index.js';
import { modelChangesCollector } from './model-changes-collector.js';

const dir = mkdtempSync(join(tmpdir(), 'model-changes-'));
const file = (name: string, content: string) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};
async function failure(path: string) {
  try {
    await parseFile(modelChangesCollector, path, {}, 'America/Los_Angeles');
  } catch (e) {
    if (isFieldworkError(e)) return e;
    throw e;
  }
  throw new Error('expected the file to be refused');
}

const YAML = `# Model changes, reviewed like code.
changes:
  - id: MC-12
    service: support-agent
    environment: production
    from: gpt-4o-2024-08-06
    to: gpt-4.1
    aliases: [gpt-4.1-2025-04-14]
    provider: openai
    ticket: ENG-881
    requested_by: ana@relaylabs.ai
    approved_by: raj@relaylabs.ai
    approved_at: 2026-05-02T17:00:00Z
    effective_at: 2026-05-04T09:00:00
    evals: [ev-41, ev-42]
  - id: MC-13
    service: billing-agent
    environment: staging
    to: claude-sonnet-4-20250514
    effective_at: "2026-06-01T00:00:00Z"
`;

describe('model-changes-yaml', () => {
  it('reads declared changes, citing line and pointer, local times in the workspace zone', async () => {
    const records = await parseFile(modelChangesCollector, file('model-changes.yaml', YAML), {}, 'America/Los_Angeles');
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({
      kind: 'model_change', id: 'MC-12', service: 'support-agent', environment: 'production', fromModel: 'gpt-4o-2024-08-06', toModel: 'gpt-4.1',
      toAliases: ['gpt-4.1-2025-04-14'], ticket: 'ENG-881', requestedBy: 'ana@relaylabs.ai', approvedBy: 'raj@relaylabs.ai',
      approvedAt: '2026-05-02T17:00:00.000Z', at: '2026-05-04T16:00:00.000Z', evalIds: ['ev-41', 'ev-42'], locator: 'line 3#/changes/0',
    });
    expect(records[1]).toMatchObject({ id: 'MC-13', evalIds: [], locator: 'line 16#/changes/1' });
    expect(records[1]).not.toHaveProperty('ticket');
  });

  it('refuses an entry without the model it changes to, naming its line', async () => {
    const err = await failure(file('bad.yaml', 'changes:\n  - id: MC-1\n    service: s\n    environment: production\n    effective_at: 2026-05-01T00:00:00Z\n'));
    expect(err).toMatchObject({ code: 'INPUT_INVALID_RECORD', where: { line: 2, pointer: '/changes/0/to' } });
  });

  it('refuses broken YAML and a file that is not a change list', async () => {
    expect((await failure(file('broken.yaml', 'changes:\n  - id: [MC-1\n'))).code).toBe('INPUT_MALFORMED');
    expect((await failure(file('other.yaml', 'sources:\n  - kind: okta\n'))).code).toBe('INPUT_WRONG_FORMAT');
  });

  it('refuses a file cut in the middle of an entry (required fields missing)', async () => {
    const cut = YAML.slice(0, YAML.indexOf('    provider: openai'));
    expect((await failure(file('cut.yaml', cut))).code).toBe('INPUT_INVALID_RECORD');
  });

  it('refuses duplicate change ids', async () => {
    const e = '  - { id: MC-1, service: s, environment: prod, to: m, effective_at: "2026-05-01T00:00:00Z" }\n';
    expect((await failure(file('dup.yaml', `changes:\n${e}${e}`))).message).toMatch(/twice/);
  });

  it('reads other key names, takes options.fields, and names every key it did not read', async () => {
    const text = `version: 1
changes:
  - Change ID: MC-20
    Agent: support-agent
    Env: production
    Previous model: gpt-4o
    New model: gpt-4.1
    Approver: raj@relaylabs.ai
    Deployed at: "2026-05-04T09:00:00Z"
    Eval IDs: [ev-41]
    Jira: ENG-9
    Risk: low
  - id: MC-21
    service: billing-agent
    environment: production
    to: gpt-4.1
    effective_at: "2026-05-05T09:00:00Z"
    Rollout: 10%
    Risk: medium
`;
    const { records, ignored } = await parseFileReport(modelChangesCollector, file('renamed.yaml', text));
    expect(records[0]).toMatchObject({ id: 'MC-20', service: 'support-agent', environment: 'production', fromModel: 'gpt-4o', toModel: 'gpt-4.1', approvedBy: 'raj@relaylabs.ai', at: '2026-05-04T09:00:00.000Z', evalIds: ['ev-41'], ticket: 'ENG-9' });
    expect(ignored).toEqual([{ field: 'version', at: 'line 1' }, { field: 'Risk', at: 'line 12' }, { field: 'Rollout', at: 'line 18' }]);

    const mapped = await parseFileReport(modelChangesCollector, file('renamed.yaml', text.replace('Jira: ENG-9', 'Change request: ENG-9')), { fields: { ticket: 'Change request' } });
    expect(mapped.records[0]).toMatchObject({ ticket: 'ENG-9' });
    expect(mapped.ignored.map((f) => f.field)).toEqual(['version', 'Risk', 'Rollout']);
  });

  it('names the key as written when a renamed field is missing its value', async () => {
    const err = await failure(file('bad-renamed.yaml', 'changes:\n  - { Change ID: MC-1, Agent: s, Env: prod, New model: "", Deployed at: "2026-05-01T00:00:00Z" }\n'));
    expect(err).toMatchObject({ code: 'INPUT_INVALID_RECORD', where: { pointer: '/changes/0/New model' } });
  });
});
