import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { FieldworkError } from '@fieldwork/core';
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Node } from 'yaml';
import type { z } from 'zod';
// A leaf module (yaml and core only): the same alias and depth limits as the collectors, without importing the registry.
import { assertYamlNesting, yamlValue } from '../collectors/input/yaml-value.js';
import { canonicalWorkspaceFields, workspaceFieldsHint } from './workspace-field-aliases.js';
import { workspaceSchema } from './workspace-schema.js';
import type { Workspace } from './workspace-schema.js';

export const WORKSPACE_FILE = 'fieldwork.yaml';

/** A loaded, validated workspace and where it lives. */
export interface LoadedWorkspace {
  dir: string;
  file: string;
  config: Workspace;
}

/**
 * Reads and validates `fieldwork.yaml` in `dir`. Errors name the file, line and column of the
 * offending value.
 */
export function loadWorkspace(dir: string): LoadedWorkspace {
  const abs = resolve(dir);
  const file = join(abs, WORKSPACE_FILE);
  if (!existsSync(file)) {
    throw new FieldworkError('CONFIG_NOT_FOUND', `No ${WORKSPACE_FILE} in ${abs}.`, {
      hint: 'Run `fieldwork init` here, or pass --workspace DIR.',
      where: { file },
    });
  }
  const text = readFileSync(file, 'utf8');
  return { dir: abs, file, config: parseWorkspace(text, file) };
}

/** Parses and validates workspace YAML text; `file` is used in error locations. */
export function parseWorkspace(text: string, file: string): Workspace {
  assertYamlNesting(text, file, 'CONFIG_INVALID');
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const err = doc.errors[0];
    const pos = lineCounter.linePos(err.pos[0]);
    throw new FieldworkError('CONFIG_INVALID', `${WORKSPACE_FILE} is not valid YAML: ${err.message.split('\n')[0]}`, {
      where: { file, line: pos.line, column: pos.col },
      hint: 'Check indentation and quoting around that line.',
    });
  }
  const result = workspaceSchema.safeParse(canonicalWorkspaceFields(yamlValue(doc, lineCounter, file, 'CONFIG_INVALID')));
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = locate(doc.contents, issue.path as (string | number)[], lineCounter);
    throw new FieldworkError('CONFIG_INVALID', `${WORKSPACE_FILE}: ${describePath(issue.path as (string | number)[])}: ${issue.message}`, {
      where: { file, ...where, pointer: '/' + issue.path.join('/') },
      hint: hintFor(issue),
    });
  }
  const names = new Set<string>();
  for (const [i, s] of result.data.sources.entries()) {
    if (s.name && names.has(s.name)) {
      throw new FieldworkError('CONFIG_INVALID', `${WORKSPACE_FILE}: sources[${i}]: the name "${s.name}" is used twice.`, {
        where: { file, pointer: `/sources/${i}/name`, ...locate(doc.contents, ['sources', i, 'name'], lineCounter) },
        hint: 'Give each source a unique name; evidence and citations refer to it.',
      });
    }
    if (s.name) names.add(s.name);
  }
  return result.data;
}

function describePath(path: (string | number)[]): string {
  if (path.length === 0) return '(top level)';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function hintFor(issue: z.core.$ZodIssue): string {
  const fields = workspaceFieldsHint(issue.path[0] as string, issue.path[1] as string);
  if (fields) return fields;
  if (issue.path[0] === 'owners') return 'Name the compliance owner first: owners.compliance.name and .email.';
  if (issue.path[0] === 'timezone') return 'Use an IANA timezone name such as Europe/Berlin or America/New_York.';
  if (issue.path[0] === 'scope') return 'scope.categories lists TSC categories (security is always in); scope.report is {type: 1, asOf} or {type: 2, from, to}.';
  if (issue.path[0] === 'schedule') return 'Each schedule.jobs entry is { job: collect | check | a registered job, cron: "minute hour day month weekday", timezone?, sources? }; e.g. cron: "0 2 * * *" runs at 02:00 every day. See docs/continuous-operation.md.';
  if (issue.path[0] === 'notifications') return 'Secrets never go in fieldwork.yaml: name environment variables (channels.email.passwordEnv, channels.webhook.urlEnv). See docs/notifications.md.';
  if (issue.path[0] === 'sources') return 'Each source is { name?, kind, path | glob, options? }; see the README for the kinds.';
  return 'See fieldwork.schema.json (written beside fieldwork.yaml) for the expected shape.';
}

function locate(node: unknown, path: (string | number)[], lc: LineCounter): { line?: number; column?: number } {
  let cur = node as Node | null | undefined;
  let last = cur;
  for (const key of path) {
    if (isMap(cur)) cur = cur.get(key, true) as Node | undefined;
    else if (isSeq(cur) && typeof key === 'number') cur = cur.get(key, true) as Node | undefined;
    else break;
    if (cur) last = cur;
    else break;
  }
  const range = (last as { range?: [number, number, number] } | null | undefined)?.range;
  if (!range) return {};
  const p = lc.linePos(range[0]);
  return { line: p.line, column: p.col };
}
