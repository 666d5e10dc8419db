import { citationOf } from '../../records/index.js';
import type { PromptRecordRecord } from '../../records/index.js';
import { inPeriod } from '../../time/index.js';
import { productionScope } from './production-scope.js';
import { populationOf, runStream } from '../check.js';
import type { Check, CheckContext, CheckException, CheckFold, CheckStream } from '../check.js';
import { atLeast, piiSeverityParams, recordSeverity } from './pii-severity.js';

// Records are graded as they arrive; each in the period becomes its item, and its exception when graded high enough.
const piiStream: CheckStream = { kinds: ['prompt_record'], start: (ctx) => piiFold(ctx) };

/**
 * Stored prompts and completions hold no personal data at or above the exception severity: each
 * type has a severity (validated cards, SSNs, IBANs and keys high; email, phone, IP, full names,
 * street addresses medium; a first name alone, a place or a date low), a name next to an
 * address, a date or a contact detail raises the record one level, and each record at or above
 * `piiExceptionAt` (default medium) is an exception naming the types, counts and severity, never
 * the values. Parameters: `piiSeverity`, `piiSeverityUnvalidated` (per type: off, low, medium,
 * high), `piiExceptionAt`, `piiCombine`.
 */
export const promptPiiCheck: Check = {
  id: 'agent.prompt-pii',
  title: 'No high-risk personal data stored in prompt and completion logs',
  requires: ['prompt_record'],
  reads: ['prompt_record'],
  stream: piiStream,
  run: (ctx) => runStream(piiStream, ctx),
};

function piiFold(ctx: CheckContext): CheckFold {
  // Each record's item goes to the run's sink at once (or is kept for the outcome).
  const population = populationOf(ctx);
  const exceptions: CheckException[] = [];
  const production = productionScope(ctx);
  const severity = piiSeverityParams(ctx.params);
  return {
    add(_kind, batch) {
      for (const r of batch as readonly PromptRecordRecord[]) {
        if (!inPeriod(r.at, ctx.period, ctx.timezone) || !production.includes(r.environment)) continue;
        const itemId = `${r.store}/${r.id}`;
        const found = Object.entries(r.pii).filter(([, n]) => n > 0).map(([t, n]) => `${t} ×${n}`);
        population.add({
          id: itemId, subject: r.id, at: r.at,
          trace: [{ label: 'stored record', at: r.at, detail: `${r.store}${r.field ? ` (${r.field})` : ''}${r.tenant ? `, tenant ${r.tenant}` : ''}: ${r.chars} characters; PII ${found.join(', ') || 'none'}`, citation: citationOf(r) }],
        });
        const graded = recordSeverity(r.pii, r.highRisk, severity);
        if (!atLeast(graded.severity, severity.exceptionAt)) continue;
        const weighed = graded.types.filter((t) => t.severity !== 'off').map((t) => `${t.type} ×${t.count}`).join(', ');
        const why = graded.combined ? `; ${graded.severity} severity: a name with an address, a date or a contact detail` : `; ${graded.severity} severity`;
        exceptions.push({
          rule: 'pii.high_risk', subject: r.id, at: r.at, itemId, citations: [citationOf(r)],
          detail: `${r.store} record ${r.id}${r.role ? ` (${r.role})` : ''} stores ${weighed} unredacted${why}${r.excerpts.length ? `, e.g. "${r.excerpts[0]}"` : ''}.`,
        });
      }
    },
    finish: () => ({
      populationQuery: `prompt_record records between ${ctx.period.from} and ${ctx.period.to} (prompt logs, Langfuse inputs/outputs, span content attributes)`,
      items: population.items, exceptions,
    }),
  };
}
