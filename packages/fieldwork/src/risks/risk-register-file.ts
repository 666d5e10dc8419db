import { isAbsolute, join } from 'node:path';
import { FieldworkError } from '@fieldwork/core/errors';
import type { LoadedWorkspace } from '../workspace/index.js';

/** Where the register is: the first `risk-register-yaml` source with a `path`, its name and absolute file. */
export interface RegisterFile {
  source: string;
  file: string;
  /** As written in fieldwork.yaml, for messages. */
  path: string;
}

/**
 * The workspace's risk register file, or undefined when no `risk-register-yaml` source names one
 * (a glob source has no single file to write to).
 * @example registerFileOf(ws)?.file // '/repo/governance/risks.yaml'
 */
export function registerFileOf(ws: LoadedWorkspace): RegisterFile | undefined {
  const s = ws.config.sources.find((x) => x.kind === 'risk-register-yaml' && x.path);
  if (!s?.path) return undefined;
  return { source: s.name ?? s.kind, path: s.path, file: isAbsolute(s.path) ? s.path : join(ws.dir, s.path) };
}

/** Like {@link registerFileOf}, or a FieldworkError saying how to add the source. */
export function requireRegisterFile(ws: LoadedWorkspace): RegisterFile {
  const f = registerFileOf(ws);
  if (!f) {
    throw new FieldworkError('CONFIG_INVALID', 'This workspace has no risk register source with a path.', {
      where: { file: 'fieldwork.yaml', pointer: '/sources' },
      hint: 'Add `- { name: risk-register, kind: risk-register-yaml, path: risks.yaml }` to sources (docs/risk-register.md).',
    });
  }
  return f;
}
