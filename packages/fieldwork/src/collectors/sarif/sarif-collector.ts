import { FieldworkError } from '@fieldwork/core/errors';
import type { FieldworkRecord } from '@fieldwork/core/records';
import type { Collector } from '../collector.js';
import { readJsonDocument } from '../input/index.js';
import { resolveScanTime, scanRunRecords, wrongFormat } from '../input/scan-input.js';
import { sarifOptionsSchema } from './sarif-config.js';
import type { SarifOptions } from './sarif-config.js';
import { mapSarifResults, sarifAsset, sarifRunFields } from './sarif-mapper.js';
import type { SarifRun } from './sarif-mapper.js';
import { firstSarifError } from './sarif-schema.js';

const EXPECTED = 'a SARIF 2.1.0 log';

/** SARIF 2.1.0 logs, validated against the official schema: one scan run per `runs[]` entry. */
export const sarifCollector: Collector<SarifOptions> = {
  kind: 'sarif',
  snapshotKinds: [],
  // Facts (a scan date, a PR number) may come from the file name: the same bytes under another name are another artifact.
  artifactIdentity: 'bytes-and-name',
  description: 'SARIF 2.1.0 (any scanner): one scan run per run, one finding per result',
  options: sarifOptionsSchema,
  mediaType: 'application/sarif+json',
  async *parse(input, options, ctx): AsyncGenerator<FieldworkRecord> {
    const doc = await readJsonDocument(input);
    const d = doc as Record<string, unknown> | null;
    if (!d || typeof d !== 'object' || Array.isArray(d) || !('runs' in d)) throw wrongFormat(input, 'sarif', EXPECTED, doc);
    if (d.version !== '2.1.0') throw wrongFormat(input, 'sarif', EXPECTED, doc, { pointer: '/version', message: `version is ${JSON.stringify(d.version)}` });
    const error = firstSarifError(doc);
    if (error) {
      throw new FieldworkError('INPUT_WRONG_FORMAT', `${input.displayName} is not valid SARIF 2.1.0: ${error.instancePath || '/'} ${error.message ?? 'is invalid'}.`, {
        where: { file: input.displayName, pointer: error.instancePath },
        hint: 'The file does not follow the SARIF 2.1.0 schema at that place. Export it again with the scanner\'s SARIF option (e.g. trivy --format sarif).',
      });
    }
    const runs = d.runs as SarifRun[];
    for (const [r, run] of runs.entries()) {
      const asset = options.asset ?? sarifAsset(run);
      if (!asset) {
        throw new FieldworkError('SOURCE_BAD_OPTIONS', `${input.displayName}: run ${r} (${run.tool.driver.name}) does not say what it scanned.`, {
          where: { file: input.displayName, pointer: `/runs/${r}` }, hint: 'Set options.asset on the sarif source (the image or repository scanned).',
        });
      }
      const inv = run.invocations?.[0];
      const at = resolveScanTime(inv?.endTimeUtc ?? inv?.startTimeUtc, input, ctx, options.scannedAt, { pointer: `/runs/${r}/invocations/0/endTimeUtc`, name: 'invocations[0].endTimeUtc', kind: 'sarif' });
      yield* scanRunRecords(sarifRunFields(run, r, asset, at), mapSarifResults(run, r), ctx);
    }
  },
};
