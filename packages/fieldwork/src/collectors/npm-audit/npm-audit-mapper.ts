import { z } from 'zod';
import type { FindingDraft } from '../input/scan-input.js';
import { pointer } from '../input/index.js';
import { normalizeSeverity } from '../input/severity.js';

const advisorySchema = z.object({
  source: z.union([z.number(), z.string()]).nullish(),
  name: z.string().nullish(),
  title: z.string().nullish(),
  url: z.string().nullish(),
  severity: z.string().nullish(),
  range: z.string().nullish(),
}).loose();
type Advisory = z.infer<typeof advisorySchema>;

/** The parts of an `npm audit --json` report (npm 7+, auditReportVersion 2) we read. */
export const npmAuditReportSchema = z.object({
  auditReportVersion: z.literal(2),
  vulnerabilities: z.record(z.string(), z.object({
    name: z.string().nullish(),
    severity: z.string().nullish(),
    via: z.array(z.union([z.string(), advisorySchema])).default([]),
    fixAvailable: z.union([z.boolean(), z.object({ name: z.string(), version: z.string() }).loose()]).nullish(),
  }).loose()).default({}),
}).loose();
export type NpmAuditReport = z.infer<typeof npmAuditReportSchema>;

/** GHSA id from the advisory URL, else npm's advisory number. */
export function advisoryId(a: Advisory): string | undefined {
  const ghsa = /GHSA(-[23456789cfghjmpqrvwx]{4}){3}/i.exec(a.url ?? '');
  if (ghsa) return ghsa[0].replace(/^ghsa/i, 'GHSA');
  return a.source !== undefined && a.source !== null && String(a.source) !== '' ? `npm-advisory-${a.source}` : undefined;
}

/**
 * One finding per advisory on the package it is about. A `via` string only says the package
 * is vulnerable through another package, whose own entry carries the advisory; counting it
 * again would report one vulnerability once per dependent.
 */
export function mapNpmAudit(report: NpmAuditReport, target: string | undefined): FindingDraft[] {
  const findings: FindingDraft[] = [];
  for (const [key, entry] of Object.entries(report.vulnerabilities)) {
    const pkg = entry.name ?? key;
    const fix = typeof entry.fixAvailable === 'object' && entry.fixAvailable?.name === pkg ? entry.fixAvailable.version : undefined;
    entry.via.forEach((via, n) => {
      if (typeof via === 'string') return;
      const id = advisoryId(via);
      if (!id) return;
      findings.push({
        locator: pointer('', 'vulnerabilities', key, 'via', n),
        vulnId: id,
        severity: normalizeSeverity(via.severity ?? entry.severity),
        package: via.name ?? pkg,
        ...(fix ? { fixedVersion: fix } : {}),
        ...(target ? { target } : {}),
        ...(via.title ? { title: via.title } : {}),
      });
    });
  }
  return findings;
}
