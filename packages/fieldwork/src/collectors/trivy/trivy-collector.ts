import type { FieldworkRecord } from '@fieldwork/core/records';
import type { Collector } from '../collector.js';
import { readJsonDocument } from '../input/index.js';
import { parseAt, scanRunRecords, wrongFormat } from '../input/scan-input.js';
import { trivyOptionsSchema } from './trivy-config.js';
import type { TrivyOptions } from './trivy-config.js';
import { mapTrivyReport, trivyReportSchema } from './trivy-mapper.js';

const EXPECTED = 'a Trivy JSON report (SchemaVersion 2, from trivy --format json)';
const HINT = 'trivy-json reads `trivy image|fs|repo --format json` reports: ArtifactName, CreatedAt, Results[].Vulnerabilities[].';

/** Trivy JSON reports: each file is one scan run of one image, repository or folder. */
export const trivyCollector: Collector<TrivyOptions> = {
  kind: 'trivy-json',
  snapshotKinds: [],
  description: 'Trivy JSON report (SchemaVersion 2): one scan run per file, one finding per vulnerability',
  options: trivyOptionsSchema,
  mediaType: 'application/json',
  async *parse(input, options, ctx): AsyncGenerator<FieldworkRecord> {
    const doc = await readJsonDocument(input);
    const d = doc as Record<string, unknown> | null;
    if (!d || typeof d !== 'object' || Array.isArray(d) || !('SchemaVersion' in d)) throw wrongFormat(input, 'trivy-json', EXPECTED, doc);
    if (d.SchemaVersion !== 2) {
      throw wrongFormat(input, 'trivy-json', EXPECTED, doc, { pointer: '/SchemaVersion', message: `SchemaVersion is ${JSON.stringify(d.SchemaVersion)}` });
    }
    const report = parseAt(trivyReportSchema, doc, input, '', 'Trivy report', HINT);
    const { run, findings } = mapTrivyReport(report, input, options, ctx);
    yield* scanRunRecords(run, findings, ctx);
  },
};
