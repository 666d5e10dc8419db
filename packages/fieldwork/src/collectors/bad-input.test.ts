import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectFile, tempFile } from './input/scan-test-support.js';

const fixture = (p: string) => readFileSync(join(import.meta.dirname, p), 'utf8');
const bytesFile = (name: string, bytes: Buffer) => {
  const out = join(mkdtempSync(join(tmpdir(), 'fieldwork-bytes-')), name);
  writeFileSync(out, bytes);
  return out;
};

/** Nine anchors each repeating the previous one nine times: 9^7 nodes once expanded. */
const ALIAS_BOMB = ['a: &a [x, x, x, x, x, x, x, x, x]', ...'bcdefg'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefg'[i]}`).join(', ')}]`)].join('\n');

/**
 * The inputs of issue 10 that crashed (exit 70) or hung: each must be refused through the real
 * runner with exit 3, the file and the place, within seconds, with nothing stored.
 */
describe('bad input exits 3 with file and place, within seconds', () => {
  async function refused(kind: string, file: string, options: Record<string, unknown> = {}) {
    const started = Date.now();
    const r = await collectFile(kind, file, options);
    const ms = Date.now() - started;
    expect(r.exitCode, String(r.outcome.error?.stack)).toBe(3);
    expect(ms).toBeLessThan(10_000);
    expect(Object.values(r.records).flat()).toEqual([]);
    return r.outcome.error!;
  }

  it('a 33-digit timestamp in pgBackRest info', async () => {
    const text = fixture('pgbackrest/fixtures/pgbackrest-info.json').replace('"start":1775379601', '"start":123456789012345678901234567890123');
    const e = await refused('pgbackrest-info', tempFile('info.json', text));
    expect(e).toMatchObject({ code: 'INPUT_INVALID_RECORD', where: { file: 'info.json', pointer: '/0/backup/0/timestamp/start' } });
  });

  it('an epoch timestamp no clock can hold in a prompt log (found by the fuzzer)', async () => {
    const e = await refused('prompt-log-jsonl', tempFile('log.jsonl', `${JSON.stringify({ id: 'm1', timestamp: 1e308, tenant: 'acme', role: 'user', content: 'hi' })}\n`));
    expect(e).toMatchObject({ code: 'INPUT_INVALID_RECORD', where: { file: 'log.jsonl', line: 1 } });
  });

  it('a 100,000-deep array in a Trivy file', async () => {
    const e = await refused('trivy-json', tempFile('deep.json', `{"SchemaVersion":2,"Results":${'['.repeat(100_000)}${']'.repeat(100_000)}}`));
    expect(e).toMatchObject({ code: 'INPUT_MALFORMED', where: { file: 'deep.json', line: 1 } });
    expect(e.message).toContain('nested more than');
  });

  it('a YAML alias bomb in a vendors file and in a restore-test file', async () => {
    for (const kind of ['vendors-yaml', 'restore-test-yaml']) {
      const e = await refused(kind, tempFile('bomb.yaml', `${ALIAS_BOMB}\nvendors: [*g]\n`));
      expect(e).toMatchObject({ code: 'INPUT_MALFORMED', where: { file: 'bomb.yaml', line: 2 } });
      expect(e.message).toContain('aliases');
    }
  });

  it('YAML flow collections nested 100,000 deep (used to abort the process out of memory)', async () => {
    for (const kind of ['vendors-yaml', 'model-changes-yaml', 'restore-test-yaml']) {
      const e = await refused(kind, tempFile('deep.yaml', `vendors: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`));
      expect(e).toMatchObject({ code: 'INPUT_MALFORMED', where: { file: 'deep.yaml', line: 1 } });
    }
  });

  it('a CSV whose header line is 32 MB with no line break', async () => {
    for (const kind of ['bamboohr-csv', 'vendors-csv']) {
      const e = await refused(kind, tempFile('huge.csv', 'a'.repeat(32 * 1024 * 1024)));
      expect(e).toMatchObject({ code: 'INPUT_MALFORMED', where: { file: 'huge.csv', line: 1 } });
      expect(e.hint).toContain('MB');
    }
    // The look-alike: a CSV larger than the record limit whose lines are short is read in full.
    const rows = Array.from({ length: 20_000 }, (_, i) => `Vendor ${i} ${'x'.repeat(220)},low`);
    const big = await collectFile('vendors-csv', tempFile('big.csv', `name,criticality\n${rows.join('\n')}\n`), {});
    expect(big.exitCode).toBe(0);
    expect(Object.values(big.records).flat()).toHaveLength(20_000);
  }, 30_000);

  it('a JSON Lines file whose one "line" is longer than the line limit', async () => {
    const e = await refused('prompt-log-jsonl', tempFile('one-line.jsonl', `{"a":"${'x'.repeat(65 * 1024 * 1024)}`));
    expect(e).toMatchObject({ code: 'INPUT_MALFORMED', where: { file: 'one-line.jsonl', line: 1 } });
  }, 30_000);

  it('invalid UTF-8 and NUL bytes in text formats, naming the byte offset and line', async () => {
    const latin1 = Buffer.concat([Buffer.from('name,criticality\nCaf'), Buffer.from([0xe9]), Buffer.from(' Ltd,high\n')]);
    const bad = await refused('vendors-csv', bytesFile('vendors.csv', latin1));
    expect(bad).toMatchObject({ code: 'INPUT_MALFORMED', where: { file: 'vendors.csv', line: 2, column: 4 } });
    expect(bad.message).toContain('not valid UTF-8 at byte 20');
    const nul = await refused('okta-system-log', tempFile('okta.json', '[\n{"uuid":"a\u0000b"}]'));
    expect(nul).toMatchObject({ code: 'INPUT_MALFORMED', where: { file: 'okta.json', line: 2, column: 11 } });
    expect(nul.message).toContain('NUL byte');
  });
});
