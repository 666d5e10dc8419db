/** @module The frameworks a workspace reports against: the built-in ones and those it adds as data files. */
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { builtInFrameworks, defineFramework, FieldworkError, FrameworkDataError, frameworkMappingSchema } from '@fieldwork/core';
import type { Control, Framework } from '@fieldwork/core';
import { LineCounter, parseDocument } from 'yaml';
import { assertYamlNesting, yamlValue } from '../collectors/input/yaml-value.js';
import type { LoadedWorkspace } from './load-workspace.js';
import { resolveControls } from './resolve-controls.js';

/** One `frameworks:` entry of fieldwork.yaml: a new framework (requirements + mapping), or more mappings for a known one. */
export interface FrameworkFiles {
  requirements?: string;
  mapping: string;
}

function readData(ws: LoadedWorkspace, path: string, pointer: string): { file: string; value: unknown } {
  const file = resolve(ws.dir, path);
  const rel = relative(ws.dir, file);
  if (rel.startsWith('..') || isAbsolute(rel)) {
    throw new FieldworkError('INPUT_UNSAFE_PATH', `fieldwork.yaml frameworks: ${path} is outside the workspace.`, { where: { file: ws.file, pointer }, hint: 'Keep framework files in the workspace (e.g. frameworks/<id>/requirements.yaml), so they are versioned with it.' });
  }
  if (!existsSync(file)) {
    throw new FieldworkError('INPUT_NOT_FOUND', `fieldwork.yaml frameworks: ${path} does not exist.`, { where: { file: ws.file, pointer }, hint: 'Paths are relative to the workspace folder.' });
  }
  const text = readFileSync(file, 'utf8');
  assertYamlNesting(text, file, 'INPUT_MALFORMED');
  const lc = new LineCounter();
  // YAML 1.2 reads JSON too, so one parser serves requirements.json and mapping.yaml alike.
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  if (doc.errors.length > 0) {
    const pos = lc.linePos(doc.errors[0].pos[0]);
    throw new FieldworkError('INPUT_MALFORMED', `${rel} is not valid YAML or JSON: ${doc.errors[0].message.split('\n')[0]}`, { where: { file, line: pos.line, column: pos.col }, hint: 'Check indentation, quoting and brackets around that line.' });
  }
  return { file, value: yamlValue(doc, lc, file) };
}

function dataError(e: unknown, files: { requirements?: string; mapping: string }): never {
  if (e instanceof FrameworkDataError) {
    const file = e.file === 'requirements' ? files.requirements ?? files.mapping : files.mapping;
    throw new FieldworkError('INPUT_INVALID_RECORD', `${e.message}`, {
      where: { file, pointer: e.pointer },
      hint: 'See docs/frameworks.md for the requirements and mapping formats; `fieldwork catalog controls --all` lists the control ids a mapping may name.',
    });
  }
  throw e;
}

/**
 * The frameworks of a workspace: every built-in framework (OWASP LLM mapped from the workspace's
 * own controls) and the `frameworks:` entries of fieldwork.yaml. An entry with `requirements`
 * adds a framework; an entry with only `mapping` adds mappings to a framework already known
 * (e.g. a workspace control mapped to ISO/IEC 42001). Bad data is an INPUT error naming the file
 * and the JSON pointer of the bad place.
 *
 * @example
 * resolveFrameworks(loadWorkspace('.')).map((f) => f.id); // ['iso42001', 'nist-ai-rmf', 'eu-ai-act', 'owasp-llm', …]
 */
export function resolveFrameworks(ws: LoadedWorkspace, controls: readonly Control[] = resolveControls(ws.config)): Framework[] {
  const frameworks = builtInFrameworks(controls as Control[]);
  const entries = (ws.config as { frameworks?: FrameworkFiles[] }).frameworks ?? [];
  // Mappings may name any control the workspace knows, in scope or not: scope is a report's view, not the data's.
  const controlIds = [...new Set([...controls.map((c) => c.id), ...builtInFrameworks().flatMap((f) => f.mappings.map((m) => m.control))])];
  entries.forEach((entry, i) => {
    const mapping = readData(ws, entry.mapping, `/frameworks/${i}/mapping`);
    if (entry.requirements) {
      const requirements = readData(ws, entry.requirements, `/frameworks/${i}/requirements`);
      let fw: Framework;
      try {
        fw = defineFramework(requirements.value, mapping.value, controlIds);
      } catch (e) {
        dataError(e, { requirements: requirements.file, mapping: mapping.file });
      }
      if (frameworks.some((f) => f.id === fw.id)) {
        throw new FieldworkError('CONFIG_INVALID', `fieldwork.yaml frameworks: a framework with id "${fw.id}" already exists.`, { where: { file: requirements.file, pointer: '/id' }, hint: 'Give the framework its own id, or leave out requirements to add mappings to the existing one.' });
      }
      frameworks.push(fw);
      return;
    }
    const parsed = frameworkMappingSchema.safeParse(mapping.value);
    const id = parsed.success ? parsed.data.framework : undefined;
    const at = frameworks.findIndex((f) => f.id === id);
    if (at < 0) {
      if (!parsed.success) dataError(new FrameworkDataError('mapping', `/${parsed.error.issues[0]?.path.join('/') ?? ''}`, `The framework mapping data is invalid: ${parsed.error.issues[0]?.message}`), { mapping: mapping.file });
      throw new FieldworkError('CONFIG_INVALID', `${entry.mapping}: no framework "${id}" to add mappings to.`, { where: { file: mapping.file, pointer: '/framework' }, hint: `Known frameworks: ${frameworks.map((f) => f.id).join(', ')}. A new framework needs requirements: too.` });
    }
    const { mappings, ...requirements } = frameworks[at];
    try {
      // Re-validated whole, so an added mapping that repeats a built-in one is caught too.
      frameworks[at] = defineFramework(requirements, { framework: requirements.id, mappings: [...mappings, ...(parsed.success ? parsed.data.mappings : [])] }, controlIds);
    } catch (e) {
      dataError(e, { mapping: mapping.file });
    }
  });
  return frameworks;
}
