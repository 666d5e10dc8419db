import type { Check } from './check.js';
import { deprovisioningCheck } from './hr/deprovisioning-check.js';

/**
 * Every built-in check by id. Controls name their check by this id. Add a check by adding
 * one line here.
 */
export const builtInChecks: Record<string, Check> = Object.fromEntries(
  [
    deprovisioningCheck,
  ].map((c) => [c.id, c]),
);

/** The check with `id`, or undefined. */
export function findCheck(id: string): Check | undefined {
  return builtInChecks[id];
}
