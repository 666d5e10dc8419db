import type { Where } from '@fieldwork/core/errors';
import type { ConfigFindingRecord } from '@fieldwork/core/records';
import { z } from 'zod';
import { instantFromEpoch } from '../input/dates.js';
import { normalizeSeverity } from '../input/severity.js';

/** An OCSF Detection Finding (class 2004) as Prowler writes it; the rest stays in the artifact. */
export const prowlerFindingSchema = z.object({
  class_uid: z.literal(2004),
  status_code: z.string().min(1),
  severity: z.string().nullish(),
  time: z.number().nullish(),
  time_dt: z.string().nullish(),
  metadata: z.object({ event_code: z.string().min(1) }).loose(),
  finding_info: z.object({ uid: z.string().nullish(), title: z.string().nullish(), created_time: z.number().nullish() }).loose(),
  resources: z.array(z.object({ uid: z.string().nullish(), name: z.string().nullish(), type: z.string().nullish() }).loose()).min(1),
  cloud: z.object({ provider: z.string().nullish(), account: z.object({ uid: z.string().nullish() }).loose().nullish() }).loose().nullish(),
  unmapped: z.object({ compliance: z.record(z.string(), z.array(z.string())).nullish() }).loose().nullish(),
}).loose();
export type ProwlerFinding = z.infer<typeof prowlerFindingSchema>;

/**
 * The instant of an OCSF timestamp. OCSF says milliseconds since the epoch; Prowler writes
 * seconds, so small values are read as seconds. (Its `time_dt` has no offset and is the
 * scanning machine's local time, so `time` is preferred.)
 */
export function epochInstant(t: number, where: Where = {}): string {
  return instantFromEpoch(t, t < 1e11 ? 'seconds' : 'milliseconds', where, 'time');
}

/** The cloud account a finding belongs to (`aws:123456789012`), or undefined. */
export function prowlerAccount(f: ProwlerFinding): string | undefined {
  const uid = f.cloud?.account?.uid;
  return uid ? `${f.cloud?.provider ?? 'cloud'}:${uid}` : undefined;
}

/** One config finding per resource the check looked at. */
export function mapProwlerFinding(f: ProwlerFinding, at: string, locator: string): { record: Omit<ConfigFindingRecord, 'source' | 'artifact' | 'locator'>; locator: string }[] {
  return f.resources.map((r, j) => ({
    locator: f.resources.length > 1 ? `${locator}/resources/${j}` : locator,
    record: {
      kind: 'config_finding',
      scanner: 'prowler',
      checkId: f.metadata.event_code,
      resource: r.uid || r.name || prowlerAccount(f) || f.metadata.event_code,
      status: f.status_code.toUpperCase(),
      severity: normalizeSeverity(f.severity),
      at,
      ...(f.finding_info.title ? { title: f.finding_info.title } : {}),
      ...(f.unmapped?.compliance ? { compliance: f.unmapped.compliance } : {}),
    },
  }));
}
