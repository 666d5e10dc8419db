import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseFile, parseFileReport, refusal, scratchDir } from '../../testing/index.js';
import { policyAcksCsvCollector } from './policy-acks-collector.js';

const DOCUSIGN = fileURLToPath(new URL('./fixtures/docusign-envelopes.csv', import.meta.url));
const DOCUSIGN_OPTIONS = {
  columns: { email: 'Recipient Email', policy: 'Subject', at: 'Completed On' },
  policies: { 'Please sign: Acme Code of Conduct': 'code-of-conduct', 'Please sign: Acme Access Control Policy': 'access-control' },
};
const { file } = scratchDir('acks-');

describe('policy-acks-csv', () => {
  it('reads an e-signature export: completed envelopes are acknowledgements, a sent one is not; the subject maps to our policy id', async () => {
    const { records, ignored } = await parseFileReport(policyAcksCsvCollector, DOCUSIGN, DOCUSIGN_OPTIONS, 'America/Los_Angeles');
    expect(records).toEqual([
      expect.objectContaining({ kind: 'policy_ack', email: 'ada@example.com', policy: 'code-of-conduct', version: '2.1', at: '2026-03-10T16:15:00.000Z', method: 'import', locator: 'line 2' }),
      expect.objectContaining({ email: 'ada@example.com', policy: 'access-control', version: '1.4', at: '2026-03-11T07:00:00.000Z', locator: 'line 4' }),
    ]);
    expect(ignored.map((i) => i.field)).toEqual(['Envelope Id', 'Recipient Name']);
  });

  it('names the version by the text hash when the export carries it', async () => {
    const sha = 'ab'.repeat(32);
    const [r] = await parseFile(policyAcksCsvCollector, file('hash.csv', `email,policy,sha256,acknowledged at\na@x.ai,bcdr,${sha.toUpperCase()},2026-05-01T10:00:00Z\n`));
    expect(r).toMatchObject({ policy: 'bcdr', bodySha256: sha });
    expect(r).not.toHaveProperty('version');
  });

  it('refuses a row that says neither version nor hash, and a hash that is not one', async () => {
    const none = await refusal(policyAcksCsvCollector, file('none.csv', 'email,policy,signed at\na@x.ai,bcdr,2026-05-01\n'));
    expect(none).toMatchObject({ code: 'INPUT_INVALID_RECORD', where: { file: 'none.csv', line: 2 } });
    expect(none.hint).toContain('which text was read');
    const bad = await refusal(policyAcksCsvCollector, file('bad.csv', 'email,policy,sha256,signed at\na@x.ai,bcdr,abc,2026-05-01\n'));
    expect(bad).toMatchObject({ code: 'INPUT_INVALID_RECORD', where: { line: 2 } });
  });

  it('refuses an export without a date column, naming the names it looked for', async () => {
    const e = await refusal(policyAcksCsvCollector, file('nodate.csv', 'email,policy,version\na@x.ai,bcdr,1\n'));
    expect(e).toMatchObject({ code: 'INPUT_WRONG_FORMAT', where: { file: 'nodate.csv', line: 1 } });
    expect(e.message).toContain('for at (at, acknowledged at');
  });
});
