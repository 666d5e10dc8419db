import type { ComponentRecord, Severity } from '@fieldwork/core/records';
import { z } from 'zod';
import type { FindingDraft } from '../input/scan-input.js';
import { maxSeverity, normalizeSeverity, severityFromScore } from '../input/severity.js';

interface CdxComponent {
  'bom-ref'?: string; type?: string; name?: string; group?: string; version?: string; purl?: string;
  licenses?: { license?: { id?: string; name?: string }; expression?: string }[];
  components?: CdxComponent[];
}

const componentSchema: z.ZodType<CdxComponent> = z.lazy(() => z.object({
  'bom-ref': z.string().optional(),
  type: z.string().optional(),
  name: z.string().min(1),
  group: z.string().optional(),
  version: z.string().optional(),
  purl: z.string().optional(),
  licenses: z.array(z.object({ license: z.object({ id: z.string().optional(), name: z.string().optional() }).loose().optional(), expression: z.string().optional() }).loose()).optional(),
  components: z.array(componentSchema).optional(),
}).loose());

/** The parts of a CycloneDX JSON BOM (1.2–1.6) we read. */
export const cyclonedxBomSchema = z.object({
  bomFormat: z.literal('CycloneDX'),
  specVersion: z.string(),
  serialNumber: z.string().optional(),
  metadata: z.object({
    timestamp: z.string().optional(),
    component: z.object({ name: z.string(), group: z.string().optional(), version: z.string().optional() }).loose().optional(),
    tools: z.unknown().optional(),
  }).loose().optional(),
  components: z.array(componentSchema).optional(),
  vulnerabilities: z.array(z.object({
    id: z.string().min(1),
    ratings: z.array(z.object({ severity: z.string().optional(), score: z.number().optional() }).loose()).optional(),
    description: z.string().optional(),
    published: z.string().optional(),
    updated: z.string().optional(),
    analysis: z.object({ state: z.string().optional(), justification: z.string().optional(), lastUpdated: z.string().optional() }).loose().optional(),
    affects: z.array(z.object({ ref: z.string().min(1) }).loose()).optional(),
  }).loose()).optional(),
}).loose();
export type CyclonedxBom = z.infer<typeof cyclonedxBomSchema>;

const fullName = (c: { group?: string; name: string }) => (c.group ? `${c.group}/${c.name}` : c.name);

/** The asset a BOM describes: its main component, else its serial number. */
export function bomAsset(bom: CyclonedxBom): string | undefined {
  const main = bom.metadata?.component;
  if (main) return fullName(main);
  if (bom.serialNumber) return bom.serialNumber;
  // A standalone VEX points at the BOM it speaks about: urn:cdx:<serial>/<version>#<ref>.
  const ref = bom.vulnerabilities?.flatMap((v) => v.affects ?? [])[0]?.ref;
  return ref?.startsWith('urn:cdx:') ? ref.split('#')[0] : undefined;
}

/** The tool that wrote the BOM (1.2–1.4: an array of tools; 1.5+: `{ components: [...] }`). */
export function bomTool(bom: CyclonedxBom): string | undefined {
  const t = bom.metadata?.tools as { name?: string }[] | { components?: { name?: string }[] } | undefined;
  const first = Array.isArray(t) ? t[0] : t?.components?.[0];
  return first?.name?.toLowerCase();
}

/** Every component, nested ones included, with its JSON pointer; a repeated one counts once. */
export function flattenComponents(bom: CyclonedxBom): { c: CdxComponent & { name: string }; pointer: string }[] {
  const out: { c: CdxComponent & { name: string }; pointer: string }[] = [];
  const seen = new Set<string>();
  const walk = (list: CdxComponent[] | undefined, base: string) => {
    list?.forEach((c, i) => {
      const p = `${base}/${i}`;
      const key = c.purl ?? `${fullName(c as { name: string })}@${c.version ?? ''}`;
      if (!seen.has(key)) {
        seen.add(key);
        out.push({ c: c as CdxComponent & { name: string }, pointer: p });
      }
      walk(c.components, `${p}/components`);
    });
  };
  walk(bom.components, '/components');
  return out;
}

/** A component record's fields (citation added by the caller). */
export function mapComponent(c: CdxComponent & { name: string }, asset: string): Omit<ComponentRecord, 'source' | 'artifact' | 'locator'> {
  const licenses = (c.licenses ?? []).map((l) => l.license?.id ?? l.license?.name ?? l.expression).filter((x): x is string => !!x);
  return {
    kind: 'component', asset, name: fullName(c),
    ...(c.version ? { version: c.version } : {}),
    ...(c.purl ? { purl: c.purl } : {}),
    ...(c.type ? { type: c.type } : {}),
    licenses,
  };
}

/** Name and version from a package URL (`pkg:maven/org.acme/lib@1.2?type=jar` → `org.acme/lib`, `1.2`). */
function fromPurl(purl: string): { name: string; version?: string } | undefined {
  const m = /^pkg:[^/]+\/([^@?#]+)(?:@([^?#]+))?/.exec(purl);
  return m ? { name: decodeURIComponent(m[1]), ...(m[2] ? { version: decodeURIComponent(m[2]) } : {}) } : undefined;
}

const STATES: Record<string, string> = { resolved: 'fixed', resolved_with_pedigree: 'fixed', not_affected: 'dismissed', false_positive: 'dismissed', exploitable: 'open', in_triage: 'open' };

/**
 * VEX statements as findings, one per affected component: the analysis state says whether
 * it is open, fixed or dismissed (`not_affected`, `false_positive`), and why.
 */
export function mapVulnerabilities(bom: CyclonedxBom, components: Map<string, CdxComponent & { name: string }>): (FindingDraft & { when?: string })[] {
  const out: (FindingDraft & { when?: string })[] = [];
  (bom.vulnerabilities ?? []).forEach((v, i) => {
    const ratings: Severity[] = (v.ratings ?? []).map((r) => (r.severity ? normalizeSeverity(r.severity) : severityFromScore(r.score) ?? 'unknown'));
    const severity = maxSeverity(ratings.filter((s) => s !== 'info').length ? ratings.filter((s) => s !== 'info') : ratings);
    const a = v.analysis;
    const affects = v.affects?.length ? v.affects : [undefined];
    affects.forEach((aff, j) => {
      const ref = aff?.ref;
      const comp = ref ? components.get(ref) : undefined;
      const purl = comp?.purl ?? (ref?.includes('#') ? ref.slice(ref.indexOf('#') + 1) : ref);
      const p = comp ? { name: fullName(comp), version: comp.version } : purl?.startsWith('pkg:') ? fromPurl(purl) : undefined;
      out.push({
        locator: aff ? `/vulnerabilities/${i}/affects/${j}` : `/vulnerabilities/${i}`,
        vulnId: v.id,
        severity,
        ...(p?.name ? { package: p.name } : {}),
        ...(p?.version ? { version: p.version } : {}),
        ...(v.description ? { title: v.description.split('\n')[0].slice(0, 200) } : {}),
        state: a?.state ? STATES[a.state] ?? 'open' : 'open',
        ...(a?.state ? { stateReason: a.justification ? `${a.state}: ${a.justification}` : a.state } : {}),
        when: a?.lastUpdated ?? v.updated ?? v.published,
      });
    });
  });
  return out;
}
