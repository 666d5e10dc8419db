import { citationOf, recordsOf } from '../../records/index.js';
import type { Check, CheckException, PopulationItem, TraceStep } from '../check.js';
import { addMonths } from '../../time/index.js';
import { vendorKey } from './vendor-keys.js';

/**
 * Critical vendors and subservice organizations (model providers included) have a SOC 2 report
 * whose period ends within `maxReportAgeMonths` of our period end, or a bridge letter that
 * carries coverage to within that window (`vendor.report_stale`); one with no report at all is
 * `vendor.report_missing`. Other vendors that supplied a report are judged on it too.
 */
export const soc2CoverageCheck: Check = {
  id: 'vendor.soc2-coverage',
  title: 'Current SOC 2 reports from critical vendors and subservice organizations',
  requires: ['vendor'],
  reads: ['vendor'],
  run(ctx) {
    const months = Number(ctx.params.maxReportAgeMonths ?? 12);
    const cutoff = addMonths(ctx.period.to, -months);
    const items: PopulationItem[] = [];
    const exceptions: CheckException[] = [];
    const seen = new Set<string>();
    for (const v of recordsOf(ctx.records, 'vendor')) {
      const required = v.subservice || /^critical$/i.test(v.criticality.trim());
      if ((!required && !v.reportPeriodTo) || seen.has(vendorKey(v.name))) continue;
      seen.add(vendorKey(v.name));
      const subject = v.name;
      const trace: TraceStep[] = [{ label: 'vendor', detail: `${v.criticality}${v.subservice ? ', subservice organization' : ''}`, citation: citationOf(v) }];
      if (!v.reportPeriodTo) {
        exceptions.push({ rule: 'vendor.report_missing', subject, itemId: subject, citations: [citationOf(v)], detail: `${v.name} is ${v.subservice ? 'a subservice organization' : 'a critical vendor'} with no SOC 2 report on file.` });
        items.push({ id: subject, subject, trace });
        continue;
      }
      trace.push({ label: 'SOC 2 report', at: v.reportPeriodTo, detail: `${v.soc2Type ?? 'SOC 2'} ${v.reportPeriodFrom ?? '?'} to ${v.reportPeriodTo}${v.bridgeLetterTo ? `; bridge letter to ${v.bridgeLetterTo}` : ''}` });
      const covered = v.bridgeLetterTo && v.bridgeLetterTo > v.reportPeriodTo ? v.bridgeLetterTo : v.reportPeriodTo;
      if (covered < cutoff) {
        exceptions.push({ rule: 'vendor.report_stale', subject, itemId: subject, at: v.reportPeriodTo, citations: [citationOf(v)],
          detail: `${v.name}'s SOC 2 report period ends ${v.reportPeriodTo}, more than ${months} months before ${ctx.period.to}${v.bridgeLetterTo ? `, and its bridge letter only reaches ${v.bridgeLetterTo}` : ', with no bridge letter'} (coverage needed from ${cutoff}).` });
      }
      items.push({ id: subject, subject, at: v.reportPeriodTo, trace });
    }
    return {
      populationQuery: `vendor records that are critical or subservice organizations, plus any vendor with a report; report period end (or bridge letter end) on or after ${cutoff} (${months} months before ${ctx.period.to})`,
      items,
      exceptions,
    };
  },
};
