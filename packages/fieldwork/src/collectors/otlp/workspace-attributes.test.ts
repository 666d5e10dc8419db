import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestStore } from '../../testing/index.js';
import type { TestStore } from '../../testing/index.js';
import { collectSources } from '../collect-sources.js';

const span = (attrs: Record<string, string>) => ({
  traceId: '5b8efff798038103d269b633813fc60c', spanId: 'eee19b7ec3c1b174', name: 'execute_tool refunds.issue', kind: 3,
  startTimeUnixNano: '1780000000000000000', endTimeUnixNano: '1780000001000000000',
  attributes: Object.entries({ 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'refunds.issue', ...attrs }).map(([key, v]) => ({ key, value: { stringValue: v } })),
});
const request = { resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'relay-agent' } }] }, scopeSpans: [{ spans: [span({ 'org.id': 'acme' })] }] }] };

describe('workspace-wide agent attribute names', () => {
  let t: TestStore;
  afterEach(async () => t?.dispose());

  it('apply to every trace source unless the source overrides them', async () => {
    t = await openTestStore('sqlite');
    writeFileSync(join(t.dir, 'traces.json'), JSON.stringify(request));
    const out = await collectSources({
      workspaceDir: t.dir, timezone: 'UTC', store: t.store,
      sources: [{ name: 'traces', kind: 'otlp-json', path: 'traces.json' }],
      workspace: { agent: { attributes: { tenant: 'org.id' } } },
    });
    expect(out[0].status).toBe('collected');
    // Without the workspace setting the tenant attribute (tenant.id) is absent.
    const calls = (await t.store.loadRecords(['tool_call'])).tool_call ?? [];
    expect(calls).toHaveLength(1);
    expect(calls[0].tenant).toBe('acme');
  });
});
