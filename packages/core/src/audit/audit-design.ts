/** @module A control's audit design: the unit its population is counted in and the test performed. */
import type { AuditDesign, Control } from '../catalog/index.js';
import { periodKindOf } from './audit-periods.js';

const PERIOD_NOUN = { day: 'day', week: 'week', month: 'month', quarter: 'quarter', year: 'year' } as const;

/**
 * The audit design of a control: the catalog's `audit` when set; otherwise per occurrence for
 * per-event controls, per calendar period for daily to annual ones, per item for continuous ones.
 *
 * @example auditDesignOf({ ...control, frequency: 'quarterly', audit: undefined }).noun // 'quarter'
 */
export function auditDesignOf(control: Control): AuditDesign {
  if (control.audit) return control.audit;
  const procedure = 'inspected evidence of the control operating (manual attestation)';
  const kind = periodKindOf(control.frequency);
  if (kind) return { unit: 'period', noun: PERIOD_NOUN[kind], method: 'inspection', procedure };
  return { unit: control.frequency === 'per_event' ? 'event' : 'item', noun: control.frequency === 'per_event' ? 'occurrence' : 'item', method: 'inspection', procedure };
}

/** The plural of a unit noun: `leaver` → `leavers`, `required policy` → `required policies`. */
export function pluralOf(noun: string): string {
  if (/[^aeiou]y$/.test(noun)) return `${noun.slice(0, -1)}ies`;
  if (/(s|x|ch|sh)$/.test(noun)) return `${noun}es`;
  return `${noun}s`;
}
