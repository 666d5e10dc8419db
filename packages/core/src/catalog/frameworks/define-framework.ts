/** @module Validates a framework's requirements and mapping data into a {@link Framework}. */
import { z } from 'zod';
import { frameworkMappingSchema, frameworkRequirementsSchema } from './framework-schema.js';
import type { Framework } from './framework-schema.js';

/**
 * Bad framework data: which file (`requirements` or `mapping`), the JSON pointer of the bad
 * place, and what is wrong. The fieldwork package turns it into a FieldworkError naming the file.
 */
export class FrameworkDataError extends Error {
  readonly code = 'FRAMEWORK_DATA_INVALID';
  constructor(readonly file: 'requirements' | 'mapping', readonly pointer: string, message: string) {
    super(message);
    this.name = 'FrameworkDataError';
  }
}

const pointerOf = (path: readonly PropertyKey[]) => `/${path.map(String).join('/')}`;

function parse<T>(schema: z.ZodType<T>, data: unknown, file: 'requirements' | 'mapping'): T {
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  const first = r.error.issues[0];
  throw new FrameworkDataError(file, pointerOf(first?.path ?? []), `The framework ${file} data is invalid:\n${z.prettifyError(r.error)}`);
}

/**
 * A framework from its two data files: requirement ids must be unique, every mapping must name
 * a known requirement and one of `controlIds`, and a control maps to a requirement once.
 *
 * @example
 * const fw = defineFramework(requirementsJson, mappingJson, builtInControls.map((c) => c.id));
 * fw.requirements.length; // 38 for ISO/IEC 42001 Annex A
 */
export function defineFramework(requirements: unknown, mapping: unknown, controlIds: Iterable<string>): Framework {
  const reqs = parse(frameworkRequirementsSchema, requirements, 'requirements');
  const map = parse(frameworkMappingSchema, mapping, 'mapping');
  const ids = new Set<string>();
  reqs.requirements.forEach((r, i) => {
    if (ids.has(r.id)) throw new FrameworkDataError('requirements', `/requirements/${i}/id`, `Framework "${reqs.id}": requirement "${r.id}" appears more than once.`);
    ids.add(r.id);
  });
  const groups = new Set(reqs.groups.map((g) => g.id));
  reqs.requirements.forEach((r, i) => {
    if (r.group !== undefined && groups.size > 0 && !groups.has(r.group)) {
      throw new FrameworkDataError('requirements', `/requirements/${i}/group`, `Framework "${reqs.id}": requirement "${r.id}" names group "${r.group}", which is not in groups.`);
    }
  });
  if (map.framework !== reqs.id) {
    throw new FrameworkDataError('mapping', '/framework', `The mapping is for framework "${map.framework}", but the requirements are of "${reqs.id}".`);
  }
  const controls = new Set(controlIds);
  const pairs = new Set<string>();
  map.mappings.forEach((m, i) => {
    if (!ids.has(m.requirement)) throw new FrameworkDataError('mapping', `/mappings/${i}/requirement`, `Framework "${reqs.id}": mapping ${i} names requirement "${m.requirement}", which the framework does not have.`);
    if (!controls.has(m.control)) throw new FrameworkDataError('mapping', `/mappings/${i}/control`, `Framework "${reqs.id}": mapping ${i} names control "${m.control}", which is not in the catalog.`);
    const pair = `${m.control}|${m.requirement}`;
    if (pairs.has(pair)) throw new FrameworkDataError('mapping', `/mappings/${i}`, `Framework "${reqs.id}": ${m.control} is mapped to ${m.requirement} more than once.`);
    pairs.add(pair);
  });
  return Object.freeze({ ...reqs, mappings: map.mappings });
}
