import type { Severity } from '@fieldwork/core/records';
import { z } from 'zod';
import type { FindingDraft } from '../input/scan-input.js';
import { maxSeverity, normalizeSeverity, severityFromScore } from '../input/severity.js';

const osvVulnSchema = z.object({
  id: z.string().min(1),
  aliases: z.array(z.string()).nullish(),
  summary: z.string().nullish(),
  affected: z.array(z.object({
    package: z.object({ name: z.string().nullish() }).loose().nullish(),
    ranges: z.array(z.object({ events: z.array(z.record(z.string(), z.unknown())).nullish() }).loose()).nullish(),
  }).loose()).nullish(),
  database_specific: z.object({ severity: z.string().nullish() }).loose().nullish(),
}).loose();
type OsvVuln = z.infer<typeof osvVulnSchema>;

/** The parts of `osv-scanner --format json` output we read. */
export const osvDocumentSchema = z.object({
  results: z.array(z.object({
    source: z.object({ path: z.string().min(1), type: z.string().nullish() }).loose(),
    packages: z.array(z.object({
      package: z.object({ name: z.string().min(1), version: z.string().nullish(), ecosystem: z.string().nullish() }).loose(),
      vulnerabilities: z.array(osvVulnSchema).nullish(),
      groups: z.array(z.object({ ids: z.array(z.string()).min(1), aliases: z.array(z.string()).nullish(), max_severity: z.string().nullish() }).loose()).nullish(),
    }).loose()).nullish(),
  }).loose()),
}).loose();
export type OsvDocument = z.infer<typeof osvDocumentSchema>;

/** A lockfile path as the workspace names it: `root` stripped, forward slashes. */
export function relativeTo(path: string, root: string | undefined): string {
  const p = path.replace(/\\/g, '/');
  if (!root) return p;
  const r = root.replace(/\\/g, '/').replace(/\/?$/, '/');
  return p.startsWith(r) ? p.slice(r.length) : p;
}

/** The id other scanners use for the same issue: a CVE alias when there is one, else OSV's first id. */
function canonicalId(ids: string[], aliases: string[]): string {
  return [...ids, ...aliases].find((x) => /^CVE-\d{4}-\d+$/.test(x)) ?? ids[0];
}

function fixedVersion(vulns: OsvVuln[], pkg: string): string | undefined {
  for (const v of vulns) {
    for (const a of v.affected ?? []) {
      if (a.package?.name && a.package.name !== pkg) continue;
      for (const r of a.ranges ?? []) {
        const fixed = (r.events ?? []).find((e) => typeof e.fixed === 'string')?.fixed;
        if (typeof fixed === 'string') return fixed;
      }
    }
  }
  return undefined;
}

/**
 * One finding per group of aliased vulnerabilities of each package (OSV-Scanner groups a GHSA
 * and its CVE as one issue); severity from the group's highest CVSS score, else the advisory
 * database's word.
 */
export function mapOsvFindings(doc: OsvDocument, root: string | undefined): FindingDraft[] {
  const findings: FindingDraft[] = [];
  doc.results.forEach((res, i) => {
    const target = relativeTo(res.source.path, root);
    (res.packages ?? []).forEach((p, j) => {
      const vulns = p.vulnerabilities ?? [];
      const groups = p.groups?.length ? p.groups : vulns.map((v) => ({ ids: [v.id], aliases: v.aliases ?? [], max_severity: undefined }));
      for (const g of groups) {
        const members = vulns.filter((v) => g.ids.includes(v.id));
        const k = vulns.findIndex((v) => g.ids.includes(v.id));
        const severity: Severity = severityFromScore(g.max_severity) ?? maxSeverity(members.map((v) => normalizeSeverity(v.database_specific?.severity)));
        const fix = fixedVersion(members, p.package.name);
        const title = members.find((v) => v.summary)?.summary;
        findings.push({
          locator: k >= 0 ? `/results/${i}/packages/${j}/vulnerabilities/${k}` : `/results/${i}/packages/${j}`,
          vulnId: canonicalId(g.ids, g.aliases ?? []),
          severity,
          package: p.package.name,
          ...(p.package.version ? { version: p.package.version } : {}),
          ...(fix ? { fixedVersion: fix } : {}),
          target,
          ...(title ? { title } : {}),
        });
      }
    });
  });
  return findings;
}
