/** @module A manual control's population: the occurrences of its evidence requests. */
import type { AuditDesign, Control } from '../catalog/index.js';
import type { CheckException } from '../checks/check.js';
import type { ControlResult } from '../checks/run-checks.js';
import { MANUAL_EVIDENCE_CHECK } from '../checks/manual/manual-evidence-check.js';
import { requestCadenceOf } from '../requests/index.js';
import type { RequestCadence } from '../requests/index.js';
import { itemPopulation } from './unit-population.js';
import type { AuditUnit, PopulationContext, UnitPopulation } from './unit-population.js';

const NOUN: Record<RequestCadence, string> = { annual: 'year', quarterly: 'quarter', monthly: 'month', weekly: 'week' };

/** True when the result is a manual control tested from its submitted evidence. */
export function isManualResult(control: Control, r: ControlResult | undefined): boolean {
  return control.check === null && r?.check === MANUAL_EVIDENCE_CHECK;
}

/**
 * The audit design of a manual control tested from submissions: one unit per occurrence of its
 * evidence cadence, each inspected through the files and decisions the ledger holds.
 */
export function manualAuditDesign(control: Control): AuditDesign {
  return {
    unit: 'period', noun: NOUN[requestCadenceOf(control)], method: 'inspection',
    procedure: 'inspected the evidence accepted for it: the submitted files by their SHA-256 in the ledger, who submitted them and when, the day they show the control performed against its due date, and who accepted them',
  };
}

/** The cadence a manual control's sample is sized by (a quarter's evidence samples as a quarterly control). */
export const manualSizing = (control: Control): RequestCadence => requestCadenceOf(control);

/**
 * The check's occurrences as the population, each deviation on its occurrence; a deviation
 * recurs across occurrences (periods), as for any periodic control.
 */
export function occurrencePopulation(r: ControlResult, found: readonly CheckException[], unit: AuditUnit, ctx: PopulationContext): UnitPopulation {
  const pop = itemPopulation(r, found, unit, ctx);
  return { ...pop, unit, periodKey: (u) => u.id };
}
