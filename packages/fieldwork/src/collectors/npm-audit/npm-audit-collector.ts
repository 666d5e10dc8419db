import { FieldworkError } from '@fieldwork/core/errors';
import type { FieldworkRecord } from '@fieldwork/core/records';
import type { Collector } from '../collector.js';
import { readJsonDocument } from '../input/index.js';
import { isLockfile, parseAt, resolveScanTime, scanRunRecords, wrongFormat } from '../input/scan-input.js';
import { npmAuditOptionsSchema } from './npm-audit-config.js';
import type { NpmAuditOptions } from './npm-audit-config.js';
import { mapNpmAudit, npmAuditReportSchema } from './npm-audit-mapper.js';

const EXPECTED = 'an npm audit report (npm audit --json, npm 7 or later)';
const HINT = 'npm-audit-json reads `npm audit --json` from npm 7+: auditReportVersion 2, vulnerabilities{name: {severity, via, fixAvailable}}.';

/** `npm audit --json` (report version 2): each file is one audit of one lockfile. */
export const npmAuditCollector: Collector<NpmAuditOptions> = {
  kind: 'npm-audit-json',
  snapshotKinds: [],
  // Facts (a scan date, a PR number) may come from the file name: the same bytes under another name are another artifact.
  artifactIdentity: 'bytes-and-name',
  description: 'npm audit --json (npm 7+): one scan run per file, one finding per advisory',
  options: npmAuditOptionsSchema,
  mediaType: 'application/json',
  async *parse(input, options, ctx): AsyncGenerator<FieldworkRecord> {
    const doc = await readJsonDocument(input);
    const d = doc as Record<string, unknown> | null;
    if (!d || typeof d !== 'object' || Array.isArray(d)) throw wrongFormat(input, 'npm-audit-json', EXPECTED, doc);
    if (d.error && typeof d.error === 'object') {
      const e = d.error as { code?: string; summary?: string };
      throw new FieldworkError('INPUT_WRONG_FORMAT', `${input.displayName} is npm's error output, not an audit: ${[e.code, e.summary].filter(Boolean).join(' ')}.`, {
        where: { file: input.displayName, pointer: '/error' }, hint: 'npm audit failed when this was exported (often no lockfile: run npm install --package-lock-only first). Export it again.',
      });
    }
    if (d.auditReportVersion !== 2) {
      const v1 = 'advisories' in d && 'actions' in d;
      if (!v1 && !('auditReportVersion' in d)) throw wrongFormat(input, 'npm-audit-json', EXPECTED, doc);
      throw new FieldworkError('INPUT_WRONG_FORMAT', `${input.displayName} is ${v1 ? 'an npm 6 audit report (auditReportVersion 1)' : `auditReportVersion ${JSON.stringify(d.auditReportVersion)}`}, not version 2.`, {
        where: { file: input.displayName, pointer: '/auditReportVersion' }, hint: 'Run the audit with npm 7 or later: npm audit --json > audit.json',
      });
    }
    // npm audit names neither project nor lockfile: the source stands for the project unless told.
    const asset = options.asset ?? options.lockfile ?? ctx.source;
    const report = parseAt(npmAuditReportSchema, doc, input, '', 'npm audit entry', HINT);
    const at = resolveScanTime(undefined, input, ctx, options.scannedAt, { pointer: '', name: 'a scan time', kind: 'npm-audit-json' });
    const target = options.lockfile ?? (isLockfile(asset) ? asset : undefined);
    const run = { locator: '/', scanner: 'npm-audit', asset, assetType: isLockfile(asset) ? 'lockfile' : 'repository', at, targets: target ? [target] : [] };
    yield* scanRunRecords(run, mapNpmAudit(report, target), ctx);
  },
};
