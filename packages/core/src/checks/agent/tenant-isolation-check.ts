import { citationOf, recordsOf } from '../../records/index.js';
import type { Citation, IsolationProbeRecord } from '../../records/index.js';
import { calendarUnits, daysBetween, endOfDay, localDate, startOfDay, unitsOverlapping } from '../../time/index.js';
import type { CalendarUnit } from '../../time/index.js';
import type { Check, CheckException, PopulationItem } from '../check.js';
import { productionScope } from './production-scope.js';

/** The citation of one attempt inside a probe run (`/attempts/3` of the run's place). */
export function attemptCitation(p: IsolationProbeRecord, index: number): Citation {
  const base = p.locator === '/' ? '' : p.locator.startsWith('line ') ? `${p.locator}#` : p.locator;
  return { ...citationOf(p), locator: `${base}/attempts/${index}` };
}

/** The attempts of a run that reached another tenant's data, with their index. */
export function leakedAttempts(p: IsolationProbeRecord): { index: number; text: string }[] {
  return p.attempts.flatMap((a, index) => (a.outcome === 'leaked'
    ? [{ index, text: `${a.op}${a.fromTenant ? ` as ${a.fromTenant}` : ' without tenant'}${a.targetTenant ? ` on ${a.targetTenant}'s canary` : ''}${a.detail ? ` (${a.detail})` : ''}` }]
    : []));
}

const PROBE_OPS = ['query', 'get', 'update', 'delete', 'no_tenant'] as const;

/** The check's verdict on a probe run, judged from its attempts. */
export interface ProbeVerdict {
  passed: boolean;
  leaks: number;
  /** Why a run does not pass, in words (empty when it passes). */
  reasons: string[];
}

/**
 * Judges a probe run from its attempts, never from the `passed`/`leaks` the file states: it
 * passes when no attempt leaked, the request without tenant context failed closed (refused, or
 * answered with nothing — what row-level security does), every operation was tried without
 * error, and two or more tenants with canaries were probed.
 */
export function probeVerdict(p: IsolationProbeRecord): ProbeVerdict {
  const leaks = p.attempts.filter((a) => a.outcome === 'leaked').length;
  const errors = p.attempts.filter((a) => a.outcome === 'error').length;
  const reasons: string[] = [];
  if (leaks > 0) reasons.push(`${leaks} attempt(s) reached another tenant's data`);
  const noTenant = p.attempts.filter((a) => a.op === 'no_tenant');
  if (noTenant.length === 0) reasons.push('no request without tenant context was tried');
  else if (noTenant.some((a) => a.outcome !== 'denied' && a.outcome !== 'empty')) reasons.push(`the request without tenant context did not fail closed (${noTenant.map((a) => a.outcome).join(', ')})`);
  const missing = PROBE_OPS.filter((op) => op !== 'no_tenant' && !p.attempts.some((a) => a.op === op));
  if (missing.length > 0) reasons.push(`not tried: ${missing.join(', ')}`);
  if (errors > 0) reasons.push(`${errors} attempt(s) could not be made`);
  if (p.tenants.length < 2) reasons.push('fewer than two tenants were probed');
  if (p.canaries === 0) reasons.push('no canaries were planted');
  return { passed: reasons.length === 0, leaks, reasons };
}

/**
 * Agent memory is isolated per tenant: each probed store has a passing probe run within
 * `maxProbeAgeDays` of the evidence date, no probe run in the period leaked, and no retrieval
 * span in the period returned another tenant's data.
 */
export const tenantIsolationCheck: Check = {
  id: 'agent.tenant-isolation',
  title: 'Agent memory is isolated per tenant (probe and runtime retrievals)',
  requires: [],
  reads: ['isolation_probe', 'retrieval'],
  // With neither a probe run nor a retrieval span collected, nothing speaks to isolation either way.
  requiresAny: ['isolation_probe', 'retrieval'],
  run(ctx) {
    const maxAge = Number(ctx.params.maxProbeAgeDays ?? 30);
    // Calendar terms, as auditors test a monthly control: one probe run in each calendar month that ended by the evidence date.
    const cadence: CalendarUnit = (calendarUnits as readonly string[]).includes(String(ctx.params.cadence)) ? ctx.params.cadence as CalendarUnit : 'monthly';
    const from = startOfDay(ctx.period.from, ctx.timezone);
    const until = endOfDay(ctx.asOf, ctx.timezone);
    const production = productionScope(ctx);
    const items: PopulationItem[] = [];
    const exceptions: CheckException[] = [];
    const probes = recordsOf(ctx.records, 'isolation_probe').filter((p) => p.at < until).sort((a, b) => (a.at < b.at ? -1 : 1));

    if (probes.length === 0) {
      exceptions.push({ rule: 'isolation.probe_missing', subject: 'isolation probe', detail: `No cross-tenant isolation probe run of the platform was collected up to ${ctx.asOf} (self-tests against an in-process store do not count); run \`fieldwork probe memory\` against each tenant store (at least every ${maxAge} days).`, citations: [] });
    }
    const stores = [...new Set(probes.map((p) => p.store))].sort();
    for (const store of stores) {
      const runs = probes.filter((p) => p.store === store);
      for (const p of runs.filter((r) => r.at >= from)) {
        const leaks = leakedAttempts(p);
        const verdict = probeVerdict(p);
        items.push({
          id: `probe:${p.runId}`, subject: p.runId, at: p.at,
          trace: [{ label: `probe (${p.adapter})`, at: p.at, detail: `${store}: ${p.tenants.length} tenants, ${p.canaries} canaries, ${p.attempts.length} attempts, ${verdict.leaks} leak(s) → ${verdict.passed ? 'passed' : 'failed'}`, citation: citationOf(p) }],
        });
        if (!verdict.passed) {
          // The attempts decide; a run file that says otherwise is named, not believed.
          const stated = p.passed === true ? ` The run file states it passed${p.leaks !== undefined ? ` with ${p.leaks} leak(s)` : ''}, but its attempts show otherwise.` : '';
          exceptions.push({
            rule: 'isolation.probe_failed', subject: p.runId, at: p.at, itemId: `probe:${p.runId}`,
            detail: leaks.length > 0
              ? `Probe ${p.runId} of ${store} reached another tenant's data in ${leaks.length} attempt(s): ${leaks.map((l) => l.text).join('; ')}.${stated}`
              : `Probe ${p.runId} of ${store} did not prove isolation: ${verdict.reasons.join('; ')}.${stated}`,
            citations: leaks.length > 0 ? leaks.map((l) => attemptCitation(p, l.index)) : [citationOf(p)],
          });
        }
      }
      for (const unit of unitsOverlapping(ctx.period, cadence).filter((u) => u.to <= ctx.asOf)) {
        if (runs.some((r) => { const d = localDate(r.at, ctx.timezone); return d >= unit.from && d <= unit.to; })) continue;
        const before = runs.filter((r) => localDate(r.at, ctx.timezone) < unit.from).at(-1);
        exceptions.push({
          rule: 'isolation.probe_missed', subject: `${store} ${unit.label}`, at: startOfDay(unit.from, ctx.timezone),
          detail: `No isolation probe run of ${store} in ${unit.label} (${unit.from} to ${unit.to}, counted in ${ctx.timezone})${before ? `; the previous run was on ${localDate(before.at, ctx.timezone)}` : ''}.`,
          citations: before ? [citationOf(before)] : [],
        });
      }
      const lastPass = runs.filter((r) => probeVerdict(r).passed).at(-1);
      if (!lastPass) {
        if (!runs.some((r) => r.at >= from)) {
          const last = runs.at(-1) as IsolationProbeRecord;
          exceptions.push({ rule: 'isolation.probe_failed', subject: last.runId, at: last.at, detail: `No probe run of ${store} has ever passed; the last one (${last.at}) failed.`, citations: [citationOf(last)] });
        }
        continue;
      }
      const age = daysBetween(localDate(lastPass.at, ctx.timezone), ctx.asOf);
      if (age > maxAge) {
        exceptions.push({ rule: 'isolation.probe_stale', subject: store, at: lastPass.at, detail: `The last passing probe of ${store} (${lastPass.runId}) ran ${age} days before ${ctx.asOf}; at most ${maxAge} are allowed.`, citations: [citationOf(lastPass)] });
      }
    }

    for (const r of recordsOf(ctx.records, 'retrieval')) {
      if (!r.crossTenant || r.at < from || r.at >= until || !production.includes(r.environment)) continue;
      const itemId = `span:${r.spanId}`;
      const others = r.resultTenants.filter((t) => t !== r.tenant);
      items.push({ id: itemId, subject: r.spanId, at: r.at, trace: [{ label: 'retrieval', at: r.at, detail: `${r.service ?? 'a service'} retrieved from ${r.store ?? 'a store'} for tenant ${r.tenant ?? '(none)'}; results from ${r.resultTenants.join(', ') || 'unknown tenants'}`, citation: citationOf(r) }] });
      exceptions.push({
        rule: 'isolation.runtime_leak', subject: r.spanId, at: r.at, itemId,
        detail: `Retrieval span ${r.spanId} (trace ${r.traceId}) for tenant ${r.tenant ?? '(none)'} returned data of ${others.join(', ') || 'another tenant'}${r.store ? ` from ${r.store}` : ''}.`,
        citations: [citationOf(r)],
      });
    }
    return {
      populationQuery: `isolation_probe runs up to ${ctx.asOf} (per store: one in each ${cadence === 'monthly' ? 'calendar month' : `calendar ${cadence.replace('ly', '').replace('dai', 'day')}`} of the period ended by then, the latest passing within ${maxAge} days) and retrieval spans between ${ctx.period.from} and ${ctx.asOf} whose results crossed tenants`,
      items,
      exceptions,
    };
  },
};
