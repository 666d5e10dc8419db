import type { ScanRunRecord } from '@fieldwork/core/records';
import { z } from 'zod';
import type { ArtifactInput, ParseContext } from '../collector.js';
import { imageRepository, isLockfile, resolveScanTime } from '../input/scan-input.js';
import type { FindingDraft } from '../input/scan-input.js';
import { normalizeSeverity } from '../input/severity.js';
import type { GrypeOptions } from './grype-config.js';

/** The parts of a Grype JSON document we read. */
export const grypeDocumentSchema = z.object({
  matches: z.array(z.object({
    vulnerability: z.object({
      id: z.string().min(1),
      severity: z.string().nullish(),
      description: z.string().nullish(),
      fix: z.object({ versions: z.array(z.string()).nullish(), state: z.string().nullish() }).loose().nullish(),
    }).loose(),
    artifact: z.object({
      name: z.string().min(1),
      version: z.string().nullish(),
      locations: z.array(z.object({ path: z.string() }).loose()).nullish(),
    }).loose(),
  }).loose()).nullish(),
  source: z.object({
    type: z.string().nullish(),
    target: z.union([z.string(), z.object({ userInput: z.string().nullish() }).loose()]).nullish(),
  }).loose().nullish(),
  descriptor: z.object({ name: z.string().nullish(), timestamp: z.string().nullish() }).loose().nullish(),
}).loose();
export type GrypeDocument = z.infer<typeof grypeDocumentSchema>;

const ASSET_TYPES: Record<string, string> = { image: 'image', directory: 'filesystem', file: 'file', sbom: 'sbom', purl: 'other' };

/** What was scanned: an image's repository (no tag), or the folder or file path. */
export function grypeAsset(doc: GrypeDocument, options: GrypeOptions): string | undefined {
  if (options.asset) return options.asset;
  const t = doc.source?.target;
  if (typeof t === 'string') return t || undefined;
  if (t?.userInput) return doc.source?.type === 'image' ? imageRepository(t.userInput) : t.userInput;
  return undefined;
}

/** The scan run and findings of a Grype document. */
export function mapGrypeDocument(doc: GrypeDocument, input: ArtifactInput, options: GrypeOptions, ctx: ParseContext, asset: string): { run: Omit<ScanRunRecord, 'kind' | 'findingCount' | 'source' | 'artifact' | 'locator'> & { locator: string }; findings: FindingDraft[] } {
  const at = resolveScanTime(doc.descriptor?.timestamp, input, ctx, options.scannedAt, { pointer: '/descriptor/timestamp', name: 'descriptor.timestamp', kind: 'grype-json' });
  const matches = doc.matches ?? [];
  const findings: FindingDraft[] = matches.map((m, i) => {
    const fix = m.vulnerability.fix?.state === 'fixed' ? m.vulnerability.fix.versions?.[0] : undefined;
    const path = m.artifact.locations?.[0]?.path;
    return {
      locator: `/matches/${i}`,
      vulnId: m.vulnerability.id,
      severity: normalizeSeverity(m.vulnerability.severity),
      package: m.artifact.name,
      ...(m.artifact.version ? { version: m.artifact.version } : {}),
      ...(fix ? { fixedVersion: fix } : {}),
      ...(path ? { target: path } : {}),
    };
  });
  const targets = matches.flatMap((m) => (m.artifact.locations ?? []).map((l) => l.path.replace(/^\//, ''))).filter(isLockfile);
  return {
    run: { locator: '/', scanner: 'grype', asset, assetType: ASSET_TYPES[doc.source?.type ?? ''] ?? 'other', at, targets },
    findings,
  };
}
