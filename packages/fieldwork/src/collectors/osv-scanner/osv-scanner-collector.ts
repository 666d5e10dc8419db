import { FieldworkError } from '@fieldwork/core/errors';
import type { FieldworkRecord } from '@fieldwork/core/records';
import type { Collector } from '../collector.js';
import { readJsonDocument } from '../input/index.js';
import { isLockfile, parseAt, resolveScanTime, scanRunRecords, wrongFormat } from '../input/scan-input.js';
import { osvScannerOptionsSchema } from './osv-scanner-config.js';
import type { OsvScannerOptions } from './osv-scanner-config.js';
import { mapOsvFindings, osvDocumentSchema, relativeTo } from './osv-scanner-mapper.js';

const EXPECTED = 'OSV-Scanner JSON (osv-scanner --format json)';
const HINT = 'osv-scanner-json reads results[].source and results[].packages[].vulnerabilities/groups as written by `osv-scanner --format json`.';

/** OSV-Scanner JSON: each file is one scan run over the lockfiles it lists. */
export const osvScannerCollector: Collector<OsvScannerOptions> = {
  kind: 'osv-scanner-json',
  snapshotKinds: [],
  // Facts (a scan date, a PR number) may come from the file name: the same bytes under another name are another artifact.
  artifactIdentity: 'bytes-and-name',
  description: 'OSV-Scanner JSON output: one scan run per file (its lockfiles as targets), one finding per vulnerability group',
  options: osvScannerOptionsSchema,
  mediaType: 'application/json',
  async *parse(input, options, ctx): AsyncGenerator<FieldworkRecord> {
    const doc = await readJsonDocument(input);
    const d = doc as Record<string, unknown> | null;
    if (!d || typeof d !== 'object' || Array.isArray(d) || !Array.isArray(d.results) || 'runs' in d) throw wrongFormat(input, 'osv-scanner-json', EXPECTED, doc);
    const parsed = parseAt(osvDocumentSchema, doc, input, '', 'OSV-Scanner result', HINT);
    const paths = [...new Set([...options.targets, ...parsed.results.map((r) => relativeTo(r.source.path, options.root))])];
    const asset = options.asset ?? (paths.length === 1 ? paths[0] : undefined);
    if (!asset) {
      throw new FieldworkError('SOURCE_BAD_OPTIONS', `${input.displayName} covers ${paths.length === 0 ? 'no lockfile' : `${paths.length} lockfiles`}; say which asset the scan is of.`, {
        where: { file: input.displayName, pointer: '/results' }, hint: 'Set options.asset on the osv-scanner-json source (e.g. agent-runtime).',
      });
    }
    const at = resolveScanTime(undefined, input, ctx, options.scannedAt, { pointer: '', name: 'a scan time', kind: 'osv-scanner-json' });
    const run = {
      locator: '/', scanner: 'osv-scanner', asset, assetType: isLockfile(asset) ? 'lockfile' : 'repository', at,
      targets: [...options.targets, ...parsed.results.filter((r) => r.source.type === 'lockfile' || isLockfile(r.source.path)).map((r) => relativeTo(r.source.path, options.root))],
    };
    yield* scanRunRecords(run, mapOsvFindings(parsed, options.root), ctx);
  },
};
