/** @module The built-in control catalog, scope filtering and workspace overrides. */
import { z } from 'zod';
import { controlSchema, tscCategories } from './control.js';
import type { Control, ControlInput, Criterion, TscCategory } from './control.js';
import { criteria } from './criteria.js';
import { accessControls } from './controls/access-controls.js';
import { agentDataControls } from './controls/agent-data-controls.js';
import { aiRegisterControls } from './controls/ai-register-controls.js';
import { agentOperationsControls } from './controls/agent-operations-controls.js';
import { agentSecurityControls } from './controls/agent-security-controls.js';
import { availabilityControls } from './controls/availability-controls.js';
import { backupControls } from './controls/backup-controls.js';
import { bcdrControls } from './controls/bcdr-controls.js';
import { changeControls } from './controls/change-controls.js';
import { dataControls } from './controls/data-controls.js';
import { encryptionControls } from './controls/encryption-controls.js';
import { governanceControls } from './controls/governance-controls.js';
import { hrControls } from './controls/hr-controls.js';
import { incidentControls } from './controls/incident-controls.js';
import { loggingControls } from './controls/logging-controls.js';
import { privacyControls } from './controls/privacy-controls.js';
import { processingIntegrityControls } from './controls/processing-integrity-controls.js';
import { vendorControls } from './controls/vendor-controls.js';
import { vulnerabilityControls } from './controls/vulnerability-controls.js';

const criterionIndex = new Map(criteria.map((c) => [c.id, c]));

/** The criterion with `id` (`CC6.2`), or undefined when Fieldwork does not know it. */
export function criteriaById(id: string): Criterion | undefined {
  return criterionIndex.get(id);
}

/**
 * Parses one control, turning a schema failure into a plain Error that names the control, so a
 * bad catalog entry or workspace addition points straight at the offending id.
 */
function parseControl(input: ControlInput): Control {
  const result = controlSchema.safeParse(input);
  if (!result.success) {
    const id = typeof input?.id === 'string' ? input.id : '(no id)';
    throw new Error(`Control "${id}" is invalid:\n${z.prettifyError(result.error)}`);
  }
  for (const criterion of result.data.criteria) {
    if (!criterionIndex.has(criterion)) {
      throw new Error(`Control "${result.data.id}" cites unknown criterion "${criterion}"`);
    }
  }
  return result.data;
}

function assertUniqueIds(controls: readonly Control[], what: string): void {
  const seen = new Set<string>();
  for (const c of controls) {
    if (seen.has(c.id)) throw new Error(`Control "${c.id}" appears more than once in ${what}`);
    seen.add(c.id);
  }
}

/**
 * Every built-in control, validated when this module loads: a typo in the catalog must fail
 * at start-up, not surface as a silently untested control in someone's audit.
 */
export const builtInControls: readonly Control[] = (() => {
  const parsed = [
    ...governanceControls,
    ...hrControls,
    ...accessControls,
    ...changeControls,
    ...vulnerabilityControls,
    ...loggingControls,
    ...incidentControls,
    ...backupControls,
    ...bcdrControls,
    ...vendorControls,
    ...dataControls,
    ...encryptionControls,
    ...availabilityControls,
    ...processingIntegrityControls,
    ...privacyControls,
    ...agentSecurityControls,
    ...agentOperationsControls,
    ...agentDataControls,
    ...aiRegisterControls,
  ].map(parseControl);
  assertUniqueIds(parsed, 'the built-in catalog');
  return Object.freeze(parsed);
})();

/** The Trust Services categories a control addresses, derived from its criteria, in canonical order. */
export function categoriesOfControl(control: Pick<Control, 'criteria'>): TscCategory[] {
  const found = new Set<TscCategory>();
  for (const id of control.criteria) {
    const criterion = criterionIndex.get(id);
    if (criterion) found.add(criterion.category);
  }
  return tscCategories.filter((c) => found.has(c));
}

/**
 * The controls that apply to a report scope. Security is always in scope; a control applies when
 * any of its criteria falls in a category in scope (so a control citing CC6.1 and P4.2 stays in a
 * security-only report, while a privacy-only control drops out).
 */
export function controlsInScope<T extends Pick<Control, 'criteria'>>(
  controls: readonly T[],
  categories: readonly TscCategory[],
): T[] {
  const scope = new Set<TscCategory>(['security', ...categories]);
  return controls.filter((c) => categoriesOfControl(c).some((cat) => scope.has(cat)));
}

/**
 * A workspace change to a built-in control, by id. Any field but the id may be replaced;
 * `params` are merged into the defaults rather than replacing them.
 */
export type ControlOverride = { id: string } & Partial<Omit<ControlInput, 'id'>>;

type ParamValue = Control['params'][string];

const isMap = (v: unknown): v is Record<string, number> => typeof v === 'object' && v !== null && !Array.isArray(v);
const shapeOf = (v: ParamValue): string => (Array.isArray(v) ? 'list' : isMap(v) ? 'map' : typeof v);

/**
 * Merges parameter overrides into defaults. Map-valued params (e.g. SLA days per severity) merge
 * key by key so overriding `critical` alone keeps the other severities; a value of a different
 * shape than its default is refused because the check would misread it.
 */
function mergeParams(id: string, defaults: Control['params'], overrides: ControlInput['params']): Control['params'] {
  const merged: Control['params'] = { ...defaults };
  for (const [key, value] of Object.entries(overrides ?? {})) {
    if (value === undefined) continue;
    const current = defaults[key];
    if (current !== undefined && shapeOf(current) !== shapeOf(value)) {
      throw new Error(
        `Control "${id}": parameter "${key}" must be a ${shapeOf(current)} like its default (${JSON.stringify(current)}), got ${JSON.stringify(value)}`,
      );
    }
    merged[key] = isMap(current) && isMap(value) ? { ...current, ...value } : value;
  }
  return merged;
}

/**
 * The catalog a workspace runs with: built-in controls with its overrides applied, followed by
 * the controls it adds. Throws a plain Error naming the id for an override of an unknown control,
 * an added control that reuses an existing id, or any control that fails validation; the caller
 * wraps it with the workspace file location.
 */
export function mergeControls(
  builtIn: readonly Control[],
  overrides: readonly ControlOverride[] = [],
  added: readonly ControlInput[] = [],
): Control[] {
  const byId = new Map(builtIn.map((c) => [c.id, c]));
  for (const override of overrides) {
    const base = byId.get(override.id);
    if (!base) {
      throw new Error(`Cannot override control "${override.id}": no built-in control has that id`);
    }
    // Drop keys set to undefined so an absent YAML field never erases a built-in value.
    const changes = Object.fromEntries(Object.entries(override).filter(([, v]) => v !== undefined)) as ControlOverride;
    byId.set(base.id, parseControl({ ...base, ...changes, id: base.id, params: mergeParams(base.id, base.params, changes.params) }));
  }
  const extra = added.map(parseControl);
  for (const c of extra) {
    if (byId.has(c.id)) {
      throw new Error(`Cannot add control "${c.id}": that id is already in the catalog; override it instead`);
    }
  }
  const result = [...byId.values(), ...extra];
  assertUniqueIds(result, 'the added controls');
  return result;
}

/** The distinct check ids a catalog relies on, sorted; manual controls contribute none. */
export function checkIdsOfCatalog(controls: readonly Control[] = builtInControls): string[] {
  return [...new Set(controls.flatMap((c) => (c.check === null ? [] : [c.check])))].sort();
}
