/** @module A framework's view of the stored check run: one collection, one set of checks, several frameworks. */
import { FieldworkError, findFramework, frameworkCoverage } from '@fieldwork/core';
import type { Framework, FrameworkCoverage } from '@fieldwork/core';
import type { EvidenceBundle } from './evidence-bundle.js';

/**
 * The framework with `id`, or a usage error listing the known ids.
 *
 * @example
 * const fw = frameworkById(resolveFrameworks(ws), 'iso42001');
 */
export function frameworkById(frameworks: readonly Framework[], id: string): Framework {
  const fw = findFramework(frameworks, id);
  if (!fw) throw new FieldworkError('USAGE', `--framework ${id}: no such framework.`, { hint: `Known frameworks: ${frameworks.map((f) => f.id).join(', ')} (fieldwork catalog frameworks).` });
  return fw;
}

/**
 * The coverage of `framework` by the latest stored check run: the controls it ran, their
 * statuses and exceptions. Without a stored run, only the mapping is shown (nothing tested).
 */
export function frameworkViewOf(bundle: EvidenceBundle, framework: Framework, scopeControls = bundle.check?.controls): FrameworkCoverage {
  return frameworkCoverage(framework, scopeControls ?? [], bundle.check?.run.results ?? []);
}
