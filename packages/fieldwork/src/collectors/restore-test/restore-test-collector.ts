import { FieldworkError } from '@fieldwork/core/errors';
import type { FieldworkRecord } from '@fieldwork/core/records';
import type { Collector } from '../collector.js';
import { FieldMapping, inputPath } from '../input/index.js';
import { readYamlDocument } from '../vendors/yaml-document.js';
import { RESTORE_TEST_FIELDS, RESTORE_TEST_RECORD_FILE, restoreTestFileSchema, restoreTestOptionsSchema } from './restore-test-config.js';
import type { RestoreTestOptions } from './restore-test-config.js';
import { checkEvidence, mapRestoreTest } from './restore-test-mapper.js';

const HINT = 'A restore-test file is YAML: { resource, performed_at, performed_by, backup_id?, result: success | failure, evidence: path/relative/to/this/file, notes? }; other key names are mapped with options.fields.';

/**
 * Restore tests done by hand: one YAML file per test plus the log or screenshot it names. Point
 * the source at the folder holding both, so the evidence file is collected (and hashed) too;
 * files that are not YAML yield no records and are kept as evidence.
 */
export const restoreTestCollector: Collector<RestoreTestOptions> = {
  kind: 'restore-test-yaml',
  snapshotKinds: ['restore_test'],
  description: 'Manual restore tests (one YAML file per test, with the evidence file it names in the same source)',
  options: restoreTestOptionsSchema,
  mappingOption: 'fields',
  mediaType: 'application/yaml',
  // The folder holds the YAML records and the logs and screenshots they name: all are evidence.
  fileTypes: 'any',
  async *parse(input, options, ctx): AsyncGenerator<FieldworkRecord> {
    if (!RESTORE_TEST_RECORD_FILE.test(input.displayName)) return;
    const file = input.displayName;
    const doc = await readYamlDocument(input);
    const mapped = doc.value && typeof doc.value === 'object' && !Array.isArray(doc.value) && !(doc.value instanceof Date)
      ? new FieldMapping(RESTORE_TEST_FIELDS, options.fields).read(doc.value as Record<string, unknown>) : undefined;
    if (!mapped || !('resource' in mapped.value || 'result' in mapped.value)) {
      throw new FieldworkError('INPUT_WRONG_FORMAT', `${file} is not a restore-test record (no resource or result).`, { where: { file, line: 1 }, hint: HINT });
    }
    for (const f of mapped.ignored) ctx.ignore?.(f, `line ${doc.lineOf(f.split('.')) ?? 1}`);
    const parsed = restoreTestFileSchema.safeParse(mapped.value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const path = inputPath(mapped, issue.path.map((p) => (typeof p === 'number' ? p : String(p))));
      throw new FieldworkError('INPUT_INVALID_RECORD', `${file}: ${path.join('.') || 'record'}: ${issue.message}.`, {
        where: { file, line: doc.lineOf(path) ?? 1, pointer: `/${path.join('/')}` }, hint: HINT,
      });
    }
    const evidence = await checkEvidence(parsed.data.evidence, input.path, file);
    const line = doc.lineOf([]) ?? 1;
    yield mapRestoreTest(parsed.data, evidence, ctx.cite(`line ${line}`), { file, line: doc.lineOf(inputPath(mapped, ['performed_at'])) ?? line }, ctx.timezone, file);
  },
};
