import type { ScanRunRecord } from '@fieldwork/core/records';
import type { FindingDraft } from '../input/scan-input.js';
import { imageRepository, isLockfile } from '../input/scan-input.js';
import { severityFromSarifLevel, severityFromScore } from '../input/severity.js';

type Props = Record<string, unknown> | undefined;
interface SarifRule { id: string; shortDescription?: { text?: string }; defaultConfiguration?: { level?: string }; properties?: Props }
interface SarifLocation { physicalLocation?: { artifactLocation?: { uri?: string }; region?: { startLine?: number } } }
interface SarifResult {
  ruleId?: string; ruleIndex?: number; rule?: { id?: string; index?: number }; level?: string; kind?: string;
  message?: { text?: string }; locations?: SarifLocation[]; properties?: Props; baselineState?: string;
  suppressions?: { kind?: string; status?: string }[];
}
/** The parts of a SARIF run we read (already validated against the schema). */
export interface SarifRun {
  tool: { driver: { name: string; rules?: SarifRule[] } };
  results?: SarifResult[];
  invocations?: { startTimeUtc?: string; endTimeUtc?: string }[];
  versionControlProvenance?: { repositoryUri?: string }[];
  artifacts?: { location?: { uri?: string } }[];
  properties?: Props;
}

/** What the run scanned: Trivy's image name, else the repository of the version-control provenance. */
export function sarifAsset(run: SarifRun): string | undefined {
  const image = run.properties?.imageName;
  if (typeof image === 'string' && image) {
    const tags = run.properties?.repoTags;
    const tag = Array.isArray(tags) && typeof tags[0] === 'string' ? tags[0] : undefined;
    return imageRepository(/\.tar(\.gz)?$/.test(image) && tag ? tag : image);
  }
  const repo = run.versionControlProvenance?.[0]?.repositoryUri;
  if (repo) return repo.replace(/^https?:\/\/github\.com\//, '').replace(/\.git$/, '');
  return undefined;
}

/** Trivy writes package facts into the message (`Package: …`, `Installed Version: …`). */
function messageField(text: string | undefined, label: string): string | undefined {
  const m = new RegExp(`^${label}: (.+)$`, 'm').exec(text ?? '');
  return m ? m[1].trim() : undefined;
}

/**
 * The findings of one run. Severity from `security-severity` (the CVSS-like score GitHub code
 * scanning uses) on the result or its rule, else from the level. Results that are not failures
 * (`kind` pass/notApplicable…) or that are absent from this run (`baselineState: absent`) are
 * not findings of this scan.
 */
export function mapSarifResults(run: SarifRun, r: number): FindingDraft[] {
  const rules = run.tool.driver.rules ?? [];
  const byId = new Map(rules.map((x) => [x.id, x]));
  const findings: FindingDraft[] = [];
  (run.results ?? []).forEach((res, k) => {
    if ((res.kind ?? 'fail') !== 'fail' || res.baselineState === 'absent') return;
    const index = res.ruleIndex ?? res.rule?.index;
    const rule = (index !== undefined && index >= 0 ? rules[index] : undefined) ?? byId.get(res.ruleId ?? res.rule?.id ?? '');
    const ruleId = res.ruleId ?? res.rule?.id ?? rule?.id;
    if (!ruleId) return;
    const score = res.properties?.['security-severity'] ?? rule?.properties?.['security-severity'];
    const level = res.level ?? rule?.defaultConfiguration?.level ?? 'warning';
    const pkg = messageField(res.message?.text, 'Package');
    const version = messageField(res.message?.text, 'Installed Version');
    const fixed = messageField(res.message?.text, 'Fixed Version');
    const loc = res.locations?.[0]?.physicalLocation;
    const uri = loc?.artifactLocation?.uri;
    const line = loc?.region?.startLine;
    const suppressed = res.suppressions?.find((s) => (s.status ?? 'accepted') === 'accepted');
    const title = rule?.shortDescription?.text ?? res.message?.text?.split('\n')[0];
    findings.push({
      locator: `/runs/${r}/results/${k}`,
      vulnId: ruleId,
      severity: severityFromScore(score) ?? severityFromSarifLevel(level),
      ...(pkg ? { package: pkg } : {}),
      ...(version ? { version } : {}),
      ...(fixed ? { fixedVersion: fixed } : {}),
      // Code findings are told apart by line; package findings by package.
      ...(uri ? { target: pkg || !line ? uri : `${uri}:${line}` } : {}),
      ...(title ? { title } : {}),
      ...(suppressed ? { state: 'dismissed', stateReason: suppressed.kind ?? 'suppressed' } : {}),
    });
  });
  return findings;
}

/** The scan run fields of a SARIF run (time and asset resolved by the caller). */
export function sarifRunFields(run: SarifRun, r: number, asset: string, at: string): Omit<ScanRunRecord, 'kind' | 'findingCount' | 'source' | 'artifact' | 'locator'> & { locator: string } {
  const uris = [
    ...(run.artifacts ?? []).map((a) => a.location?.uri),
    ...(run.results ?? []).flatMap((x) => (x.locations ?? []).map((l) => l.physicalLocation?.artifactLocation?.uri)),
  ].filter((u): u is string => typeof u === 'string' && isLockfile(u));
  return {
    locator: `/runs/${r}`,
    scanner: run.tool.driver.name.toLowerCase(),
    asset,
    assetType: typeof run.properties?.imageName === 'string' ? 'image' : 'repository',
    at,
    targets: uris,
  };
}
