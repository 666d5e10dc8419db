import { builtInControls, controlsInScope, FieldworkError, mergeControls } from '@fieldwork/core';
import type { Control, ControlInput } from '@fieldwork/core';
import type { Workspace } from './workspace-schema.js';

/**
 * The controls in scope for a workspace: the built-in catalog with the workspace's overrides
 * and additions, filtered by the TSC categories in scope, minus explicit exclusions.
 */
export function resolveControls(config: Workspace): Control[] {
  let merged: readonly Control[];
  try {
    merged = mergeControls(builtInControls, config.controls.overrides as never, config.controls.add as unknown as ControlInput[]);
  } catch (e) {
    throw new FieldworkError('CONFIG_INVALID', `fieldwork.yaml controls: ${e instanceof Error ? e.message : String(e)}`, {
      where: { file: 'fieldwork.yaml', pointer: '/controls' },
      hint: 'Override only controls that exist (`fieldwork catalog controls` lists them); added controls need id, title, statement, criteria, category, frequency, ownerRole, evidenceSources, check.',
    });
  }
  const excluded = new Set(config.controls.exclude.map((x) => x.id));
  return controlsInScope(merged, config.scope.categories).filter((c) => !excluded.has(c.id));
}
