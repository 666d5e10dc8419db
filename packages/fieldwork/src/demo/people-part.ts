import { addDays, addMonths, startOfDay } from '@fieldwork/core';
import type { DemoContext, DemoPart, DemoPartOutput, DemoPerson } from './demo-context.js';
import { NEW_STARTERS } from './demo-people.js';
import { planting } from './demo-plants.js';

/** An approved policy version, as the policies part shares it. */
interface ApprovedPolicy {
  id: string;
  title: string;
  version: string;
  approvedAt: string;
}

const ACK_EXPORT = 'exports/esign/policy-acknowledgements.csv';
const KNOWBE4_EXPORT = 'exports/knowbe4/training-enrollments.json';
const CHECKR_EXPORT = 'exports/checkr/reports.csv';
/** The acknowledgement and training history the exports cover. */
const HISTORY_FROM = '2025-01-01';

function at(ctx: DemoContext, date: string, minutes: number): string {
  return new Date(Date.parse(startOfDay(date, ctx.timezone)) + minutes * 60_000).toISOString();
}

const csvCell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const employedOn = (p: DemoPerson, day: string) => p.hireDate <= day && (!p.endDate || p.endDate >= day);
/** The version before `v` (1.2 → 1.1, 1.0 → 0.9), for acknowledgements given before the current one existed. */
const previous = (v: string) => (/^\d+\.0$/.test(v) ? `${Number(v.split('.')[0]) - 1}.9` : v.replace(/(\d+)$/, (n) => String(Number(n) - 1)));

/**
 * Policy acknowledgements (an e-signature export as CSV), security-awareness training (KnowBe4
 * Reporting API enrollments) and background checks (a Checkr report export as CSV) for the
 * roster: everyone acknowledges each approved policy on joining and in each January campaign,
 * takes onboarding training and the yearly course, and employees are screened before they
 * start. Planted: a starter who never acknowledged a policy, a starter screened after day one,
 * and (all problems) a skipped yearly acknowledgement, late onboarding training, a skipped
 * yearly course and a starter never screened.
 */
export const peoplePart: DemoPart = {
  name: 'people',
  generate(ctx): DemoPartOutput {
    const planted: DemoPartOutput['planted'] = [];
    const policies = (ctx.shared.approvedPolicies ?? []) as ApprovedPolicy[];
    const starters = ctx.people.slice(-NEW_STARTERS.length);
    const [ackGap, trainingLate, screenedLate, contractor, unscreened] = starters;
    // Someone whose first anniversary falls in the window: the yearly campaigns are what keep them current.
    const anniversary = ctx.people.find((p) => !p.endDate && p.workerType === 'employee' && p.hireDate >= addMonths(ctx.period.from, -12) && p.hireDate <= addMonths(ctx.period.from, -9));
    const skipsAckCampaign = planting(ctx, 'people.ack_renewal_missing') ? anniversary : undefined;
    const skipsTraining = planting(ctx, 'people.training_renewal_missing') ? ctx.people.find((p) => p !== anniversary && !p.endDate && p.workerType === 'employee' && p.hireDate >= addMonths(ctx.period.from, -12) && p.hireDate <= addMonths(ctx.period.from, -7)) : undefined;
    const inHistory = ctx.people.filter((p) => !p.endDate || p.endDate >= HISTORY_FROM);

    // Policy acknowledgements: on joining (for those who joined since the history starts) and in each January campaign.
    const acks: string[] = ['Envelope Id,Signer Name,Signer Email,Document Name,Document Version,Status,Completed On'];
    const ackRow = (p: DemoPerson, pol: ApprovedPolicy, day: string, minutes: number) => {
      const version = day >= pol.approvedAt ? pol.version : previous(pol.version);
      acks.push([ctx.rng.uuid(), `${p.firstName} ${p.lastName}`, p.email, `${ctx.organization} ${pol.title}`, version, 'Completed', at(ctx, day, minutes)].map(csvCell).join(','));
    };
    const campaigns = ['2025-01-21', '2026-01-20'];
    for (const p of inHistory) {
      for (const pol of policies) {
        if (p.hireDate >= HISTORY_FROM) {
          if (p === ackGap && pol.id === 'data-classification' && planting(ctx, 'people.ack_missing')) continue;
          ackRow(p, pol, addDays(p.hireDate, ctx.rng.int(0, 9)), 9 * 60 + ctx.rng.int(0, 480));
        }
        for (const c of campaigns) {
          if (!employedOn(p, c) || p.hireDate > addDays(c, -30) || (p === skipsAckCampaign && c === campaigns[1])) continue;
          ackRow(p, pol, addDays(c, c === campaigns[0] ? ctx.rng.int(0, 3) : ctx.rng.int(0, 1)), 9 * 60 + ctx.rng.int(0, 480));
        }
      }
    }
    if (planting(ctx, 'people.ack_missing')) planted.push({ rule: 'ack.hire_missing', subject: ackGap.email, why: 'joined in April and never acknowledged the data classification policy' });
    if (skipsAckCampaign) planted.push({ rule: 'ack.renewal_missing', subject: skipsAckCampaign.email, why: 'skipped the January acknowledgement campaign, so a year passed without one' });

    // Training: onboarding for every starter since the history begins, a yearly course each February.
    const enrollments: object[] = [];
    let id = 7_340_000;
    const enroll = (p: DemoPerson, campaign: string, module: string, enrolled: string, completedDay: string | undefined) => {
      enrollments.push({
        enrollment_id: ++id, content_type: 'Store Purchase', module_name: module,
        user: { id: 900_000 + Number(p.employeeNumber), first_name: p.firstName, last_name: p.lastName, email: p.email },
        campaign_name: campaign, enrollment_date: at(ctx, enrolled, 8 * 60), start_date: completedDay ? at(ctx, completedDay, 9 * 60) : null,
        completion_date: completedDay ? at(ctx, completedDay, 9 * 60 + ctx.rng.int(20, 90)) : null,
        status: completedDay ? 'Passed' : 'Past Due', time_spent: completedDay ? ctx.rng.int(900, 2400) : 0, policy_acknowledged: false,
      });
    };
    for (const p of inHistory) {
      if (p.hireDate >= HISTORY_FROM) {
        const late = p === trainingLate && planting(ctx, 'people.training_late');
        enroll(p, 'New Hire Security Onboarding', 'Security Awareness Essentials', p.hireDate, addDays(p.hireDate, late ? 45 : ctx.rng.int(2, 20)));
      }
      for (const [year, start] of [['2025', '2025-02-03'], ['2026', '2026-02-02']] as const) {
        if (!employedOn(p, start) || p.hireDate > addDays(start, -60)) continue;
        const skipped = p === skipsTraining && year === '2026';
        enroll(p, `${year} Annual Security Awareness`, `${year} Security Awareness Training`, start, skipped ? undefined : addDays(start, ctx.rng.int(1, 12)));
      }
    }
    if (planting(ctx, 'people.training_late')) planted.push({ rule: 'training.hire_late', subject: trainingLate.email, why: 'finished onboarding security training 45 days after starting' });
    if (skipsTraining) planted.push({ rule: 'training.renewal_missing', subject: skipsTraining.email, why: 'left the 2026 yearly course past due, a year after the last one' });

    // Background checks: every employee who joined since mid-2024, done the week before they start.
    const reports: string[] = ['id,candidate_email,package,status,result,completed_at'];
    const screened = ctx.people.filter((p) => p.workerType === 'employee' && p.hireDate >= '2024-06-01');
    for (const p of screened) {
      if (p === unscreened && planting(ctx, 'people.background_missing')) continue;
      const late = p === screenedLate && planting(ctx, 'people.background_after_start');
      reports.push([ctx.rng.hex(24), p.email, 'tasker_standard', 'complete', 'clear', at(ctx, addDays(p.hireDate, late ? 7 : -ctx.rng.int(3, 12)), 15 * 60 + ctx.rng.int(0, 120))].join(','));
    }
    if (planting(ctx, 'people.background_after_start')) planted.push({ rule: 'background.after_start', subject: screenedLate.email, why: 'the background check came back a week after the first day' });
    if (planting(ctx, 'people.background_missing')) planted.push({ rule: 'background.missing', subject: unscreened.email, why: 'started in August with no background check on file' });
    ctx.shared.contractorStarter = contractor.email;

    return {
      files: {
        [ACK_EXPORT]: acks.join('\r\n') + '\r\n',
        [KNOWBE4_EXPORT]: JSON.stringify(enrollments, null, 2) + '\n',
        [CHECKR_EXPORT]: reports.join('\n') + '\n',
      },
      sources: [
        {
          name: 'policy-acks', kind: 'policy-acks-csv', path: ACK_EXPORT,
          options: { policies: Object.fromEntries(policies.map((p) => [`${ctx.organization} ${p.title}`, p.id])) },
        },
        { name: 'knowbe4', kind: 'knowbe4-enrollments', path: KNOWBE4_EXPORT },
        { name: 'checkr', kind: 'background-checks-csv', path: CHECKR_EXPORT },
      ],
      planted,
    };
  },
};
