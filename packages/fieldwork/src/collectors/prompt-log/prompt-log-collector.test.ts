import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isFieldworkError } from '@fieldwork/core/errors';
import { parseFile, parseFileReport, testPseudonym } from '../../testing/index.js';
import { promptLogCollector } from './prompt-log-collector.js';

const dir = mkdtempSync(join(tmpdir(), 'prompt-log-'));
const file = (name: string, rows: unknown[] | string) => {
  const p = join(dir, name);
  writeFileSync(p, typeof rows === 'string' ? rows : rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return p;
};
async function failure(path: string, options: unknown = {}) {
  try {
    await parseFile(promptLogCollector, path, options);
  } catch (e) {
    if (isFieldworkError(e)) return e;
    throw e;
  }
  throw new Error('expected the file to be refused');
}

describe('prompt-log-jsonl', () => {
  it('keeps metadata and PII counts of each message, never its content', async () => {
    const rs = await parseFile(promptLogCollector, file('log.jsonl', [
      { id: 'm1', timestamp: '2026-05-01T10:00:00Z', tenant: 'acme', conversation: 'c1', role: 'user', content: 'My card is 4111111111111111, SSN: 219-45-8812', user: 'user-1' },
      { id: 'm2', timestamp: 1777629600, tenant: 'acme', conversation_id: 'c1', role: 'assistant', content: [{ type: 'text', text: 'Thanks, refund issued.' }] },
    ]));
    expect(rs).toHaveLength(2);
    expect(rs[0]).toMatchObject({ kind: 'prompt_record', store: 'test', id: 'm1', at: '2026-05-01T10:00:00.000Z', tenant: 'acme', endUser: testPseudonym('user-1'), conversation: 'c1', role: 'user', field: 'prompt-log', locator: 'line 1' });
    expect(rs[0].kind === 'prompt_record' && rs[0].highRisk).toEqual(['credit_card', 'us_ssn']);
    expect(rs[1]).toMatchObject({ id: 'm2', conversation: 'c1', at: '2026-05-01T10:00:00.000Z', pii: {}, highRisk: [] });
    expect(JSON.stringify(rs)).not.toMatch(/4111111111111111|219-45-8812/);
  });

  it('counts names, addresses and dates per record and keeps only excerpts with them masked', async () => {
    const rs = await parseFile(promptLogCollector, file('people.jsonl', [
      { id: 'p1', timestamp: '2026-05-02T09:00:00Z', role: 'user', content: 'Hi, this is Marta Lindqvist, send it to Storgatan 12, 111 22 Stockholm by 14 March 2026.' },
      { id: 'p2', timestamp: '2026-05-02T09:01:00Z', role: 'assistant', content: 'Thanks Marta, our Berlin office will call on Thursday.' },
    ]));
    expect(rs[0]).toMatchObject({ id: 'p1', pii: { person: 1, address: 1, date: 1 }, highRisk: ['address', 'person'] });
    // A first name, a city and a weekday: counted, but none is validated.
    expect(rs[1]).toMatchObject({ id: 'p2', pii: { person: 1, date: 1 }, highRisk: [] });
    const excerpts = rs.flatMap((r) => (r.kind === 'prompt_record' ? r.excerpts : []));
    expect(excerpts.join(' ')).toContain('[PERSON]');
    expect(excerpts.join(' ')).toContain('[ADDRESS]');
    expect(JSON.stringify(rs)).not.toMatch(/Lindqvist|Storgatan|14 March/);
  });

  it('reads other field names through options.fields and names the store', async () => {
    const rs = await parseFile(promptLogCollector, file('custom.jsonl', [{ msg_id: 'x', created: '2026-05-01 10:00:00', org: 'globex', body: 'hello' }]), {
      store: 'chat-history', fields: { id: 'msg_id', timestamp: 'created', tenant: 'org', content: 'body' },
    });
    expect(rs[0]).toMatchObject({ store: 'chat-history', id: 'x', tenant: 'globex', at: '2026-05-01T10:00:00.000Z', chars: 5 });
  });

  it('names the fields it does not read, once each, at their first line', async () => {
    const { records, ignored } = await parseFileReport(promptLogCollector, file('extra.jsonl', [
      { id: 'm1', timestamp: '2026-05-01T10:00:00Z', tenant: 'acme', role: 'user', content: 'hi', model: 'gpt-4.1', tokens: 3 },
      { id: 'm2', timestamp: '2026-05-01T10:00:01Z', tenant: 'acme', role: 'assistant', content: 'hello', model: 'gpt-4.1', latency_ms: 80 },
    ]));
    expect(records).toHaveLength(2);
    expect(ignored).toEqual([{ field: 'model', at: 'line 1' }, { field: 'tokens', at: 'line 1' }, { field: 'latency_ms', at: 'line 2' }]);
  });

  it('refuses a file of something else, a bad timestamp and a broken line', async () => {
    expect((await failure(file('other.jsonl', [{ uuid: 'a', eventType: 'x' }]))).code).toBe('INPUT_WRONG_FORMAT');
    const bad = await failure(file('badtime.jsonl', [{ id: 'a', timestamp: 'yesterday', content: 'x' }]));
    expect(bad.code).toBe('INPUT_INVALID_RECORD');
    expect(bad.where?.line).toBe(1);
    const broken = await failure(file('broken.jsonl', `${JSON.stringify({ id: 'a', timestamp: '2026-05-01T00:00:00Z', content: 'x' })}\n{"id": "b", "timest\n`));
    expect(broken.code).toBe('INPUT_MALFORMED');
    expect(broken.where?.line).toBe(2);
  });
});
