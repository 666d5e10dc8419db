import { citationOf, recordsOf } from '../../records/index.js';
import type { Citation, IsolationProbeRecord } from '../../records/index.js';
import { daysBetween, endOfDay, localDate, startOfDay } from '../../time/index.js';
import type { Check, CheckException, PopulationItem } from '../check.js';

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

/**
 * Agent memory is isolated per tenant: each probed store has a passing probe run within
 * `maxProbeAgeDays` of the evidence date, no probe run in the period leaked, and no retrieval
 * span in the period returned another tenant's data.
 */
export const tenantIsolationCheck: Check = {
  id: 'agent.tenant-isolation',
  title: 'Agent memory is isolated per tenant (probe and runtime retrievals)',
  requires: [],
  run(ctx) {
    const maxAge = Number(ctx.params.maxProbeAgeDays ?? 30);
    const from = startOfDay(ctx.period.from, ctx.timezone);
    const until = endOfDay(ctx.asOf, ctx.timezone);
    const items: PopulationItem[] = [];
    const exceptions: CheckException[] = [];
    const probes = recordsOf(ctx.records, 'isolation_probe').filter((p) => p.at < until).sort((a, b) => (a.at < b.at ? -1 : 1));

    if (probes.length === 0) {
      exceptions.push({ rule: 'isolation.probe_missing', subject: 'isolation probe', detail: `No cross-tenant isolation probe run was collected up to ${ctx.asOf}; run \`fieldwork probe memory\` against each tenant store (at least every ${maxAge} days).`, citations: [] });
    }
    const stores = [...new Set(probes.map((p) => p.store))].sort();
    for (const store of stores) {
      const runs = probes.filter((p) => p.store === store);
      for (const p of runs.filter((r) => r.at >= from)) {
        const leaks = leakedAttempts(p);
        items.push({
          id: `probe:${p.runId}`, subject: p.runId, at: p.at,
          trace: [{ label: `probe (${p.adapter})`, at: p.at, detail: `${store}: ${p.tenants.length} tenants, ${p.canaries} canaries, ${p.attempts.length} attempts, ${p.leaks} leak(s) → ${p.passed ? 'passed' : 'failed'}`, citation: citationOf(p) }],
        });
        if (!p.passed) {
          const errors = p.attempts.filter((a) => a.outcome === 'error').length;
          exceptions.push({
            rule: 'isolation.probe_failed', subject: p.runId, at: p.at, itemId: `probe:${p.runId}`,
            detail: leaks.length > 0
              ? `Probe ${p.runId} of ${store} reached another tenant's data in ${leaks.length} attempt(s): ${leaks.map((l) => l.text).join('; ')}.`
              : `Probe ${p.runId} of ${store} did not prove isolation (${errors} attempt(s) could not be made, or fewer than two tenants or some operations were not tried).`,
            citations: leaks.length > 0 ? leaks.map((l) => attemptCitation(p, l.index)) : [citationOf(p)],
          });
        }
      }
      const lastPass = runs.filter((r) => r.passed).at(-1);
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
      if (!r.crossTenant || r.at < from || r.at >= until) continue;
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
      populationQuery: `isolation_probe runs up to ${ctx.asOf} (per store; passing within ${maxAge} days required) and retrieval spans between ${ctx.period.from} and ${ctx.asOf} whose results crossed tenants`,
      items,
      exceptions,
    };
  },
};
