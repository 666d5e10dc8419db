/** @module The check of the AI system register: every production model declared, every provider a reviewed vendor. */
import { recordsOf } from '../../records/index.js';
import { addMonths } from '../../time/index.js';
import type { Check, CheckException, CheckStatus, PopulationItem, TraceStep } from '../check.js';
import { aiModelRegister, declaredModelsOf } from './ai-system-register.js';

/**
 * Every model seen serving production in the period is named by a declared model change of
 * its service (`ai.model_undeclared`; aliases count, dated snapshots only with
 * `aliasPrefixMatch`), and every provider production reached is a vendor in the inventory —
 * under its own name, a well-known name, or a workspace alias (`ai.providers`) — reviewed
 * within `reviewMonths` (12) of the period end (`ai.provider_unreviewed`). Staging and other
 * non-production models are listed in the register, never tested. Without model changes or
 * without a vendor list, that half cannot conclude: the result is insufficient evidence naming
 * the missing source (unless the other half found exceptions).
 */
export const aiSystemRegisterCheck: Check = {
  id: 'ai.system-register',
  title: 'Models seen in production are declared; their providers are reviewed vendors',
  requires: ['model_observation'],
  // The register's agents and tools are not tested, so agent runs and tool calls are not read.
  reads: ['model_observation', 'model_change', 'vendor', 'vendor_review'],
  run(ctx) {
    const reg = aiModelRegister({ records: ctx.records, period: ctx.period, timezone: ctx.timezone, workspace: ctx.workspace, params: ctx.params });
    const months = Number(ctx.params.reviewMonths ?? 12);
    const haveChanges = recordsOf(ctx.records, 'model_change').length > 0;
    const haveVendors = recordsOf(ctx.records, 'vendor').length > 0;
    const items: PopulationItem[] = [];
    const exceptions: CheckException[] = [];

    for (const m of reg.models) {
      const id = `model:${m.service}|${m.model}`;
      const trace: TraceStep[] = [{ label: 'seen in production', at: m.firstSeenAt, detail: `${m.service} (${m.environments.join(', ')}) answered with ${m.model}${m.provider ? ` via ${m.provider}` : ''}: ${m.calls} call(s) until ${m.lastSeenAt}`, citation: m.citation }];
      if (m.declaredBy) trace.push({ label: 'declared change', at: m.declaredBy.at, detail: m.declaredBy.id, citation: m.declaredBy.citation });
      items.push({ id, subject: m.model, at: m.firstSeenAt, trace });
      if (!m.declaredBy && haveChanges) {
        const known = declaredModelsOf(ctx.records, m.service).map((c) => c.toModel);
        exceptions.push({
          rule: 'ai.model_undeclared', subject: m.model, at: m.firstSeenAt, itemId: id, citations: [m.citation],
          detail: `${m.service} used ${m.model} in production (${m.calls} call(s), ${m.firstSeenAt} to ${m.lastSeenAt}), and no declared model change of ${m.service} names it${known.length ? `; declared: ${[...new Set(known)].join(', ')}` : ''}.${m.requestedModels.length && !m.requestedModels.includes(m.model) ? ` Requested as ${m.requestedModels.join(', ')}: declare the response name as an alias if it is the same model.` : ''}`,
        });
      }
    }

    const cutoff = addMonths(ctx.period.to, -months);
    for (const p of reg.providers) {
      const id = `provider:${p.provider}`;
      const trace: TraceStep[] = [{ label: 'provider seen in production', detail: `${p.provider}: ${p.models.join(', ')} for ${p.services.join(', ')} (${p.calls} call(s))`, citation: p.citation }];
      if (p.vendor) trace.push({ label: 'vendor', detail: `${p.vendor.name} (${p.vendor.criticality}${p.vendor.subservice ? ', subservice organization' : ''})`, citation: p.vendor.citation });
      if (p.latestReview) trace.push({ label: 'latest review', at: p.latestReview.at, detail: `by ${p.latestReview.reviewer ?? 'unknown'}, ${p.latestReview.signed ? 'signed' : 'not signed'}`, citation: p.latestReview.citation });
      items.push({ id, subject: p.provider, trace });
      if (!haveVendors || p.reviewed) continue;
      const detail = !p.vendor
        ? `Production reached model provider ${p.provider} (${p.models.join(', ')}), which is not in the vendor inventory under its name or a known alias. List it, or map the provider to its vendor name under ai.providers in fieldwork.yaml.`
        : !p.latestReview
          ? `Model provider ${p.provider} is vendor ${p.vendor.name}, which has no recorded review.`
          : `Model provider ${p.provider} is vendor ${p.vendor.name}, last reviewed on ${p.latestReview.at}, more than ${months} months before ${ctx.period.to} (due since ${cutoff}).`;
      exceptions.push({ rule: 'ai.provider_unreviewed', subject: p.provider, itemId: id, detail, citations: [p.citation, ...(p.vendor ? [p.vendor.citation] : []), ...(p.latestReview ? [p.latestReview.citation] : [])] });
    }
    // The register says what its sources could not show; those are the check's notes.
    const notes = reg.gaps;

    // A half that could not conclude keeps the control from a pass: absence of evidence is not
    // evidence of absence. Exceptions found by the other half still stand.
    const untested = (!haveChanges && reg.models.length > 0) || (!haveVendors && reg.providers.length > 0);
    const status: CheckStatus | undefined = exceptions.length === 0 && untested ? 'insufficient_evidence' : undefined;
    return {
      populationQuery: `models observed serving production (model_observation in ${reg.productionEnvironments.join(', ')}) between ${ctx.period.from} and ${ctx.period.to}, per service and response model, matched to model_change records of the service; and their providers, matched to vendor records with a vendor_review since ${cutoff}`,
      items, exceptions, ...(status ? { status } : {}), ...(notes.length ? { notes } : {}),
    };
  },
};
