import { z } from 'zod';
import type { FindingDraft } from '../input/scan-input.js';
import { normalizeSeverity } from '../input/severity.js';

const pkg = z.object({ name: z.string().min(1), ecosystem: z.string().nullish() }).loose();
const when = z.string().nullish();

/** A Dependabot alert as the REST API and webhooks return it. */
export const restAlertSchema = z.object({
  number: z.number().int().nullish(),
  state: z.string().min(1),
  dependency: z.object({ package: pkg.nullish(), manifest_path: z.string().nullish() }).loose().nullish(),
  security_advisory: z.object({ ghsa_id: z.string().min(1), cve_id: z.string().nullish(), summary: z.string().nullish(), severity: z.string().nullish() }).loose(),
  security_vulnerability: z.object({ package: pkg.nullish(), severity: z.string().nullish(), first_patched_version: z.object({ identifier: z.string() }).loose().nullish() }).loose().nullish(),
  url: z.string().nullish(),
  created_at: z.string().min(1),
  updated_at: when,
  fixed_at: when,
  dismissed_at: when,
  auto_dismissed_at: when,
  dismissed_reason: z.string().nullish(),
  repository: z.object({ full_name: z.string().min(1) }).loose().nullish(),
}).loose();
export type RestAlert = z.infer<typeof restAlertSchema>;

const identifiers = z.array(z.object({ type: z.string(), value: z.string() }).loose()).nullish();
/** A `RepositoryVulnerabilityAlert` node of the GraphQL API. */
export const graphqlAlertSchema = z.object({
  id: z.string().min(1),
  state: z.string().nullish(),
  createdAt: when,
  fixedAt: when,
  dismissedAt: when,
  autoDismissedAt: when,
  dismissReason: z.string().nullish(),
  vulnerableManifestPath: z.string().nullish(),
  securityAdvisory: z.object({ ghsaId: z.string().nullish(), summary: z.string().nullish(), severity: z.string().nullish(), identifiers }).loose().nullish(),
  securityVulnerability: z.object({
    severity: z.string().nullish(),
    package: pkg.nullish(),
    firstPatchedVersion: z.object({ identifier: z.string() }).loose().nullish(),
    advisory: z.object({ ghsaId: z.string().nullish(), summary: z.string().nullish(), identifiers }).loose().nullish(),
  }).loose().nullish(),
}).loose();
export type GraphqlAlert = z.infer<typeof graphqlAlertSchema>;

/** Times an alert states, already normalized by the caller. */
export interface AlertTimes {
  created?: string;
  fixed?: string;
  dismissed?: string;
}

function state(s: string | null | undefined): string {
  const v = (s ?? 'open').toLowerCase();
  return v === 'auto_dismissed' || v === 'dismissed' ? 'dismissed' : v;
}

/** `owner/repo` from an alert's API URL (`…/repos/{owner}/{repo}/dependabot/alerts/{n}`). */
export function repositoryOf(alert: RestAlert): string | undefined {
  if (alert.repository?.full_name) return alert.repository.full_name;
  const m = /\/repos\/([^/]+\/[^/]+)\/dependabot\/alerts\//.exec(alert.url ?? '');
  return m?.[1];
}

/** A REST or webhook alert as a finding; Dependabot states first-seen and fixed itself. */
export function mapRestAlert(a: RestAlert, locator: string, t: AlertTimes): FindingDraft {
  const fixedVersion = a.security_vulnerability?.first_patched_version?.identifier;
  const reason = a.dismissed_reason ?? (a.auto_dismissed_at ? 'auto_dismissed' : undefined);
  return {
    locator,
    vulnId: a.security_advisory.cve_id || a.security_advisory.ghsa_id,
    severity: normalizeSeverity(a.security_vulnerability?.severity ?? a.security_advisory.severity),
    ...((a.dependency?.package ?? a.security_vulnerability?.package) ? { package: (a.dependency?.package ?? a.security_vulnerability?.package)!.name } : {}),
    ...(fixedVersion ? { fixedVersion } : {}),
    ...(a.dependency?.manifest_path ? { target: a.dependency.manifest_path } : {}),
    ...(a.security_advisory.summary ? { title: a.security_advisory.summary } : {}),
    ...(t.created ? { firstSeenAt: t.created } : {}),
    ...(t.fixed ? { fixedAt: t.fixed } : {}),
    ...(t.dismissed ? { dismissedAt: t.dismissed } : {}),
    state: state(a.state),
    ...(state(a.state) === 'dismissed' && reason ? { stateReason: reason } : {}),
  };
}

/** The id other scanners use: a CVE identifier, else the GHSA id, else the first identifier. */
function graphqlVulnId(a: GraphqlAlert): string {
  const ids = [...(a.securityAdvisory?.identifiers ?? []), ...(a.securityVulnerability?.advisory?.identifiers ?? [])];
  return ids.find((i) => i.type === 'CVE')?.value ?? a.securityAdvisory?.ghsaId ?? a.securityVulnerability?.advisory?.ghsaId ?? ids.find((i) => i.type === 'GHSA')?.value ?? ids[0]?.value ?? a.id;
}

/** A GraphQL `vulnerabilityAlerts` node as a finding. */
export function mapGraphqlAlert(a: GraphqlAlert, locator: string, t: AlertTimes): FindingDraft {
  const v = a.securityVulnerability;
  const summary = a.securityAdvisory?.summary ?? v?.advisory?.summary;
  const st = state(a.state);
  return {
    locator,
    vulnId: graphqlVulnId(a),
    severity: normalizeSeverity(v?.severity ?? a.securityAdvisory?.severity),
    ...(v?.package ? { package: v.package.name } : {}),
    ...(v?.firstPatchedVersion ? { fixedVersion: v.firstPatchedVersion.identifier } : {}),
    ...(a.vulnerableManifestPath ? { target: a.vulnerableManifestPath } : {}),
    ...(summary ? { title: summary } : {}),
    ...(t.created ? { firstSeenAt: t.created } : {}),
    ...(t.fixed ? { fixedAt: t.fixed } : {}),
    ...(t.dismissed ? { dismissedAt: t.dismissed } : {}),
    state: st,
    ...(st === 'dismissed' && (a.dismissReason || a.autoDismissedAt) ? { stateReason: a.dismissReason ?? 'auto_dismissed' } : {}),
  };
}

/** Repository nodes that carry `vulnerabilityAlerts`, wherever the query put them, with their JSON pointers. */
export function alertRepositories(data: unknown, base = '/data'): { node: Record<string, unknown>; pointer: string }[] {
  const out: { node: Record<string, unknown>; pointer: string }[] = [];
  const walk = (v: unknown, p: string, depth: number): void => {
    if (!v || typeof v !== 'object' || depth > 6) return;
    if (Array.isArray(v)) return v.forEach((x, i) => walk(x, `${p}/${i}`, depth + 1));
    const o = v as Record<string, unknown>;
    if ('vulnerabilityAlerts' in o) {
      out.push({ node: o, pointer: p });
      return;
    }
    for (const [k, x] of Object.entries(o)) walk(x, `${p}/${k}`, depth + 1);
  };
  walk(data, base, 0);
  return out;
}

/** `owner/repo` of a GraphQL repository node (`nameWithOwner`, or owner + name, or just the name). */
export function graphqlRepository(node: Record<string, unknown>): string | undefined {
  if (typeof node.nameWithOwner === 'string') return node.nameWithOwner;
  const owner = (node.owner as { login?: unknown } | undefined)?.login;
  if (typeof node.name === 'string') return typeof owner === 'string' ? `${owner}/${node.name}` : node.name;
  return undefined;
}
