import type { ArtifactInput, ParseContext } from '../collector.js';
import { normalizeSeverity } from '../input/severity.js';
import { imageRepository, isLockfile, resolveScanTime } from '../input/scan-input.js';
import type { FindingDraft } from '../input/scan-input.js';
import type { ScanRunRecord } from '@fieldwork/core/records';
import { z } from 'zod';
import type { TrivyOptions } from './trivy-config.js';

/** The parts of a Trivy JSON report (SchemaVersion 2) we read; the rest stays in the artifact. */
export const trivyReportSchema = z.object({
  SchemaVersion: z.literal(2),
  ArtifactName: z.string().min(1),
  ArtifactType: z.string().nullish(),
  CreatedAt: z.string().nullish(),
  Metadata: z.object({ RepoTags: z.array(z.string()).nullish() }).loose().nullish(),
  Results: z.array(z.object({
    Target: z.string(),
    Class: z.string().nullish(),
    Type: z.string().nullish(),
    Vulnerabilities: z.array(z.object({
      VulnerabilityID: z.string().min(1),
      PkgName: z.string().nullish(),
      InstalledVersion: z.string().nullish(),
      FixedVersion: z.string().nullish(),
      Severity: z.string().nullish(),
      Title: z.string().nullish(),
    }).loose()).nullish(),
  }).loose()).nullish(),
}).loose();
export type TrivyReport = z.infer<typeof trivyReportSchema>;

const ASSET_TYPES: Record<string, string> = { container_image: 'image', repository: 'repository', filesystem: 'filesystem', vm: 'vm', cyclonedx: 'sbom', spdx: 'sbom' };

/** The asset a report is about: for images the repository without tag (a tarball's first RepoTag). */
export function trivyAsset(report: TrivyReport, options: TrivyOptions): string {
  if (options.asset) return options.asset;
  if (report.ArtifactType !== 'container_image') return report.ArtifactName;
  const tag = report.Metadata?.RepoTags?.[0];
  const name = /\.tar(\.gz)?$/.test(report.ArtifactName) && tag ? tag : report.ArtifactName;
  return imageRepository(name);
}

/**
 * A lockfile target as a path from where Trivy ran: `trivy fs agent-runtime` reports
 * `package-lock.json`, which is `agent-runtime/package-lock.json` in the repository.
 */
export function lockfilePath(report: TrivyReport, target: string): string {
  const base = report.ArtifactName.replace(/\/+$/, '');
  const local = (report.ArtifactType === 'filesystem' || report.ArtifactType === 'repository') && base !== '.' && !base.startsWith('/') && !base.includes('://');
  return local && !target.startsWith(`${base}/`) ? `${base}/${target}` : target;
}

/** The scan run and findings of a Trivy report. */
export function mapTrivyReport(report: TrivyReport, input: ArtifactInput, options: TrivyOptions, ctx: ParseContext): { run: Omit<ScanRunRecord, 'kind' | 'findingCount' | 'source' | 'artifact' | 'locator'> & { locator: string }; findings: FindingDraft[] } {
  const at = resolveScanTime(report.CreatedAt, input, ctx, options.scannedAt, { pointer: '/CreatedAt', name: 'CreatedAt', kind: 'trivy-json' });
  const results = report.Results ?? [];
  const findings: FindingDraft[] = [];
  results.forEach((r, i) => {
    (r.Vulnerabilities ?? []).forEach((v, j) => {
      findings.push({
        locator: `/Results/${i}/Vulnerabilities/${j}`,
        vulnId: v.VulnerabilityID,
        severity: normalizeSeverity(v.Severity),
        ...(v.PkgName ? { package: v.PkgName } : {}),
        ...(v.InstalledVersion ? { version: v.InstalledVersion } : {}),
        ...(v.FixedVersion ? { fixedVersion: v.FixedVersion } : {}),
        target: r.Target,
        ...(v.Title ? { title: v.Title } : {}),
      });
    });
  });
  return {
    run: {
      locator: '/',
      scanner: 'trivy',
      asset: trivyAsset(report, options),
      assetType: ASSET_TYPES[report.ArtifactType ?? ''] ?? 'other',
      at,
      targets: [...options.targets, ...results.map((r) => r.Target).filter(isLockfile).map((t) => lockfilePath(report, t))],
    },
    findings,
  };
}
