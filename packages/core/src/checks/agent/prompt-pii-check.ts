import { citationOf, recordsOf } from '../../records/index.js';
import { inPeriod } from '../../time/index.js';
import { productionScope } from './production-scope.js';
import type { Check, CheckException, PopulationItem } from '../check.js';

const counts = (pii: Record<string, number>, types: string[]) => types.map((t) => `${t} ×${pii[t] ?? 1}`).join(', ');

/**
 * Stored prompts and completions hold no validated high-risk personal data (payment cards with
 * Luhn, SSNs with context, IBANs with mod-97, API keys, email, phone, IP): each record with one
 * is an exception naming the types and counts, never the values.
 */
export const promptPiiCheck: Check = {
  id: 'agent.prompt-pii',
  title: 'No high-risk personal data stored in prompt and completion logs',
  requires: ['prompt_record'],
  run(ctx) {
    const items: PopulationItem[] = [];
    const exceptions: CheckException[] = [];
    const production = productionScope(ctx);
    for (const r of recordsOf(ctx.records, 'prompt_record')) {
      if (!inPeriod(r.at, ctx.period, ctx.timezone) || !production.includes(r.environment)) continue;
      const itemId = `${r.store}/${r.id}`;
      const found = Object.entries(r.pii).filter(([, n]) => n > 0).map(([t, n]) => `${t} ×${n}`);
      items.push({
        id: itemId, subject: r.id, at: r.at,
        trace: [{ label: 'stored record', at: r.at, detail: `${r.store}${r.field ? ` (${r.field})` : ''}${r.tenant ? `, tenant ${r.tenant}` : ''}: ${r.chars} characters; PII ${found.join(', ') || 'none'}`, citation: citationOf(r) }],
      });
      if (r.highRisk.length === 0) continue;
      exceptions.push({
        rule: 'pii.high_risk', subject: r.id, at: r.at, itemId, citations: [citationOf(r)],
        detail: `${r.store} record ${r.id}${r.role ? ` (${r.role})` : ''} stores ${counts(r.pii, r.highRisk)} unredacted${r.excerpts.length ? `, e.g. "${r.excerpts[0]}"` : ''}.`,
      });
    }
    return {
      populationQuery: `prompt_record records between ${ctx.period.from} and ${ctx.period.to} (prompt logs, Langfuse inputs/outputs, span content attributes)`,
      items, exceptions,
    };
  },
};
