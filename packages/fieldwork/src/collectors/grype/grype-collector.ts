import { FieldworkError } from '@fieldwork/core/errors';
import type { FieldworkRecord } from '@fieldwork/core/records';
import type { Collector } from '../collector.js';
import { readJsonDocument } from '../input/index.js';
import { parseAt, scanRunRecords, wrongFormat } from '../input/scan-input.js';
import { grypeOptionsSchema } from './grype-config.js';
import type { GrypeOptions } from './grype-config.js';
import { grypeAsset, grypeDocumentSchema, mapGrypeDocument } from './grype-mapper.js';

const EXPECTED = 'a Grype JSON document (grype … -o json)';
const HINT = 'grype-json reads `grype IMAGE|dir:PATH -o json`: matches[].vulnerability, matches[].artifact, source, descriptor.';

/** Grype JSON output: each file is one scan run of one image, folder or SBOM. */
export const grypeCollector: Collector<GrypeOptions> = {
  kind: 'grype-json',
  snapshotKinds: [],
  description: 'Grype JSON output: one scan run per file, one finding per match',
  options: grypeOptionsSchema,
  mediaType: 'application/json',
  async *parse(input, options, ctx): AsyncGenerator<FieldworkRecord> {
    const doc = await readJsonDocument(input);
    const d = doc as Record<string, unknown> | null;
    if (!d || typeof d !== 'object' || Array.isArray(d) || !('matches' in d) || !('source' in d || 'descriptor' in d)) throw wrongFormat(input, 'grype-json', EXPECTED, doc);
    const parsed = parseAt(grypeDocumentSchema, doc, input, '', 'Grype document', HINT);
    const asset = grypeAsset(parsed, options);
    if (!asset) {
      throw new FieldworkError('SOURCE_BAD_OPTIONS', `${input.displayName} does not name what was scanned (source.target is empty).`, {
        where: { file: input.displayName, pointer: '/source/target' }, hint: 'Set options.asset on the grype-json source (e.g. ghcr.io/acme/api).',
      });
    }
    const { run, findings } = mapGrypeDocument(parsed, input, options, ctx, asset);
    yield* scanRunRecords(run, findings, ctx);
  },
};
