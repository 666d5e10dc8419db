import { FieldworkError } from '@fieldwork/core/errors';
import type { FieldworkRecord } from '@fieldwork/core/records';
import type { Collector } from '../collector.js';
import { iterateJsonItems, normalizeInstant, pointer } from '../input/index.js';
import { KNOWBE4_READ, knowbe4EnrollmentSchema, knowbe4OptionsSchema } from './knowbe4-config.js';
import type { Knowbe4Options } from './knowbe4-config.js';

const HINT = 'knowbe4-enrollments reads the response of GET /v1/training/enrollments from the KnowBe4 Reporting API saved as it is (an array of enrollments; one file per page), or one enrollment per line.';

/** KnowBe4 security-awareness training enrollments (Reporting API), and policy acknowledgements given in KnowBe4. */
export const knowbe4Collector: Collector<Knowbe4Options> = {
  kind: 'knowbe4-enrollments',
  // Each page restates enrollments by id; an enrollment keeps its id as it moves to Passed.
  snapshotKinds: [],
  description: 'KnowBe4 Reporting API training enrollments (GET /v1/training/enrollments, JSON): course completions, and policy acknowledgements for mapped policy modules',
  options: knowbe4OptionsSchema,
  mediaType: 'application/json',
  async *parse(input, options, ctx): AsyncGenerator<FieldworkRecord> {
    const file = input.displayName;
    const completed = new Set(options.completedStatuses.map((s) => s.toLowerCase()));
    let seen = 0;
    for await (const item of iterateJsonItems(input)) {
      const list = Array.isArray(item.value) ? item.value.map((v, i) => ({ v, loc: pointer(item.line ? '' : item.locator, i) })) : [{ v: item.value, loc: item.line ? '' : item.locator }];
      for (const { v, loc } of list) {
        const where = { file, ...(item.line ? { line: item.line } : {}), pointer: loc || '/' };
        const parsed = knowbe4EnrollmentSchema.safeParse(v);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          throw new FieldworkError(seen === 0 ? 'INPUT_WRONG_FORMAT' : 'INPUT_INVALID_RECORD', `${file}: ${seen === 0 ? 'this does not look like KnowBe4 training enrollments' : 'malformed enrollment'} (${issue.path.join('.') || 'enrollment'}: ${issue.message}).`, {
            where: { ...where, pointer: pointer(loc, ...issue.path.map(String)) }, hint: HINT,
          });
        }
        seen++;
        const e = parsed.data;
        const locator = item.line ? (loc ? `${item.locator}#${loc}` : item.locator) : loc || '/';
        for (const k of Object.keys(e)) if (!KNOWBE4_READ.has(k)) ctx.ignore?.(k, locator);
        for (const k of Object.keys(e.user)) if (k !== 'email') ctx.ignore?.(`user.${k}`, locator);
        const at = (field: 'enrollment_date' | 'completion_date') => normalizeInstant(e[field] ?? undefined, { ...where, pointer: pointer(loc, field) }, field, ctx.timezone);
        const done = !!e.completion_date && completed.has((e.status ?? '').toLowerCase());
        const email = e.user.email.trim().toLowerCase();
        const cite = ctx.cite(locator);
        const enrolledAt = at('enrollment_date');
        const completedAt = done ? at('completion_date') : undefined;
        const policy = options.policies[e.module_name];
        if (policy) {
          // A policy module: acknowledging it is an acknowledgement of that policy version, not training.
          if (completedAt && e.policy_acknowledged !== false) yield { kind: 'policy_ack', ...cite, email, policy: policy.policy, version: policy.version, at: completedAt, method: 'knowbe4' };
          continue;
        }
        yield {
          kind: 'training', ...cite, email, course: e.module_name, enrollmentId: String(e.enrollment_id),
          ...(e.campaign_name ? { campaign: e.campaign_name } : {}),
          ...(enrolledAt ? { enrolledAt } : {}),
          ...(completedAt ? { completedAt } : {}),
          ...(e.status ? { status: e.status } : {}),
        };
      }
    }
  },
};
