import { z } from 'zod';
import { identityKey, instant, recordBase } from './base.js';

export const severities = ['critical', 'high', 'medium', 'low', 'info', 'unknown'] as const;
export type Severity = (typeof severities)[number];

/** One run of a scanner over one asset (an image, a repository, a lockfile, an account). */
export const scanRunSchema = z.object({
  kind: z.literal('scan_run'),
  ...recordBase,
  scanner: z.string().min(1),
  asset: z.string().min(1),
  /** image | repository | lockfile | cloud-account | sbom | other */
  assetType: z.string().optional(),
  at: instant,
  findingCount: z.number().int().nonnegative(),
  /** Lockfiles or targets scanned inside the asset (`package-lock.json`). */
  targets: z.array(z.string()).default([]),
});
export type ScanRunRecord = z.infer<typeof scanRunSchema>;
/** Identity of a scan run: scanner + asset + scan time (the same run exported twice is one run). */
export const scanRunIdentity = (r: ScanRunRecord): string => identityKey(r.scanner, r.asset, r.at);

/**
 * A vulnerability seen by one scan run. First-seen and fixed dates are derived across runs by
 * the checks (a finding absent from a later run of the same scanner and asset was fixed then);
 * sources that state them (Dependabot) fill them directly.
 */
export const findingSchema = z.object({
  kind: z.literal('finding'),
  ...recordBase,
  scanner: z.string().min(1),
  asset: z.string().min(1),
  vulnId: z.string().min(1),
  severity: z.enum(severities),
  package: z.string().optional(),
  version: z.string().optional(),
  fixedVersion: z.string().optional(),
  target: z.string().optional(),
  title: z.string().optional(),
  /** The scan time at which this observation was made. */
  seenAt: instant,
  firstSeenAt: instant.optional(),
  fixedAt: instant.optional(),
  /** When the finding was dismissed or accepted, where the source states it. */
  dismissedAt: instant.optional(),
  /** open | fixed | dismissed */
  state: z.string().default('open'),
  /** Why the state is what it is, as the source says it (VEX `not_affected`, Dependabot `tolerable_risk`). */
  stateReason: z.string().optional(),
});
export type FindingRecord = z.infer<typeof findingSchema>;
/**
 * Identity of a finding: scanner + asset + vulnerability id + package, version and target, within
 * one scan run (`seenAt`): each run's observation is its own fact, which is how checks derive
 * first-seen and fixed dates. A source that states the finding's own lifecycle (`firstSeenAt`,
 * e.g. a Dependabot alert) describes one alert over time, so its identity leaves the scan time out.
 */
export const findingIdentity = (r: FindingRecord): string =>
  r.firstSeenAt
    ? identityKey(r.scanner, r.asset, r.vulnId, r.package, r.target, 'since', r.firstSeenAt)
    : identityKey(r.scanner, r.asset, r.vulnId, r.package, r.version, r.target, r.seenAt);

/** A component of a software bill of materials (CycloneDX). */
export const componentSchema = z.object({
  kind: z.literal('component'),
  ...recordBase,
  asset: z.string().min(1),
  name: z.string().min(1),
  version: z.string().optional(),
  purl: z.string().optional(),
  type: z.string().optional(),
  licenses: z.array(z.string()).default([]),
});
export type ComponentRecord = z.infer<typeof componentSchema>;
/** Identity of an SBOM component: asset + package URL, else name and version. */
export const componentIdentity = (r: ComponentRecord): string => (r.purl ? identityKey(r.asset, r.purl) : identityKey(r.asset, r.name, r.version));

/** A cloud configuration finding (Prowler OCSF). */
export const configFindingSchema = z.object({
  kind: z.literal('config_finding'),
  ...recordBase,
  scanner: z.string().min(1),
  checkId: z.string().min(1),
  resource: z.string().min(1),
  status: z.string().min(1),
  severity: z.enum(severities),
  at: instant,
  title: z.string().optional(),
  compliance: z.record(z.string(), z.array(z.string())).optional(),
});
export type ConfigFindingRecord = z.infer<typeof configFindingSchema>;
/** Identity of a cloud configuration finding: scanner + check + resource + scan time. */
export const configFindingIdentity = (r: ConfigFindingRecord): string => identityKey(r.scanner, r.checkId, r.resource, r.at);
