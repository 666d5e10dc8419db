import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import type { Dirent } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { FieldworkError } from '@fieldwork/core/errors';

/** A `*`/`**`/`?` glob as a regular expression over `/`-separated relative paths. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        re += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
        i += glob[i + 2] === '/' ? 2 : 1;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** What a source entry says about where its files are, and how far Fieldwork may look. */
export interface SourceFilesSpec {
  name: string;
  path?: string;
  glob?: string;
  /** Name endings (`.json`) the kind reads; a folder source skips other files. All files when absent. */
  fileTypes?: readonly string[];
  /** Read every file of a folder, not only the kind's file types. */
  allFiles?: boolean;
  /** Follow symlinks that lead out of the source's folder. */
  followSymlinks?: boolean;
  /** Accept a path or glob outside the workspace folder. */
  outsideWorkspace?: boolean;
}

/** True when `child` is `parent` or inside it (both absolute, real paths). */
function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** The real path of `abs`, or a FieldworkError for a dangling or looping symlink. */
function realPath(abs: string, shown: string): string {
  try {
    return realpathSync(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') {
      throw new FieldworkError('INPUT_MALFORMED', `${shown} is a symlink loop.`, { where: { file: shown }, hint: 'Remove or fix the symlink; it points (through other links) back to itself.' });
    }
    if (code === 'ENOENT') {
      throw new FieldworkError('INPUT_NOT_FOUND', `${shown} is a symlink to something that does not exist.`, { where: { file: shown }, hint: 'Remove the dangling symlink, or restore what it points to.' });
    }
    throw e;
  }
}

class Walker {
  readonly files: string[] = [];
  /** With `lenient` (globs): links refused only if the glob matches them, by path. */
  readonly refused = new Map<string, FieldworkError>();
  readonly #seen = new Set<string>();

  constructor(readonly workspaceDir: string, readonly root: string, readonly spec: SourceFilesSpec, readonly lenient = false) {}

  #shown(p: string): string {
    return relative(this.workspaceDir, p).split(sep).join('/') || p;
  }

  walk(dir: string, real: string): void {
    if (this.#seen.has(real)) return; // a symlinked folder already read (or a cycle through links)
    this.#seen.add(real);
    const entries: Dirent[] = readdirSync(dir, { withFileTypes: true });
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (entry.name.startsWith('.')) continue;
      const p = join(dir, entry.name);
      if (entry.isSymbolicLink()) {
        try {
          const target = realPath(p, this.#shown(p));
          if (!isInside(this.root, target) && !this.spec.followSymlinks) {
            throw new FieldworkError('INPUT_UNSAFE_PATH', `Source "${this.spec.name}": ${this.#shown(p)} is a symlink that leads out of the source's folder (to ${target}).`, {
              where: { file: this.#shown(p) },
              hint: 'Evidence is only read from inside the source folder, so a link cannot pull in host files (it would stay in the append-only ledger). Remove the link, or set followSymlinks: true on the source if it is meant.',
            });
          }
          if (statSync(target).isDirectory()) this.walk(p, target);
          else this.#add(p);
        } catch (e) {
          // A glob walks more than it reads: a bad link it does not match is none of its business.
          if (!this.lenient || !(e instanceof FieldworkError)) throw e;
          this.refused.set(p, e);
        }
      } else if (entry.isDirectory()) this.walk(p, realPath(p, this.#shown(p)));
      else if (entry.isFile()) this.#add(p);
    }
  }

  #add(p: string): void {
    const types = this.spec.fileTypes;
    if (this.spec.allFiles || !types || types.some((t) => p.toLowerCase().endsWith(t))) this.files.push(p);
  }
}

/**
 * The files a source reads: `path` (a file, or the files of a folder the kind reads) or `glob`,
 * relative to the workspace, sorted so collection order (and the ledger) is reproducible.
 *
 * Inputs stay inside: a path or glob outside the workspace needs `outsideWorkspace`; a symlink
 * inside a folder or glob that leads out of it needs `followSymlinks`; a dangling or looping
 * symlink is refused; a folder or glob that yields no file is refused (an empty source is
 * missing evidence, not an unchanged one).
 *
 * @example
 * resolveSourceFiles('/ws', { name: 'scans', path: 'exports/trivy', fileTypes: ['.json'] })
 * // → ['/ws/exports/trivy/api.json', '/ws/exports/trivy/web.json']
 */
export function resolveSourceFiles(workspaceDir: string, spec: SourceFilesSpec): string[] {
  const ws = realPath(resolve(workspaceDir), workspaceDir);
  const configured = spec.path ?? spec.glob;
  if (configured === undefined) return [];
  const field = spec.path !== undefined ? 'path' : 'glob';
  const fixed = spec.path ?? (spec.glob!.split(/[*?]/)[0].includes('/') ? spec.glob!.split(/[*?]/)[0].replace(/\/[^/]*$/, '') : '.');
  const base = resolve(workspaceDir, fixed);
  // lstat, not exists: a dangling or looping link is named as such, not as a missing path.
  const present = lstatSafe(base);
  if (!present && spec.path !== undefined) {
    throw new FieldworkError('INPUT_NOT_FOUND', `Source "${spec.name}": ${spec.path} does not exist.`, {
      where: { file: spec.path }, hint: 'Paths are relative to the workspace folder (where fieldwork.yaml is).',
    });
  }
  const real = present ? realPath(base, configured) : base;
  if (!spec.outsideWorkspace && (!isInside(resolve(workspaceDir), base) || !isInside(ws, real))) {
    throw new FieldworkError('INPUT_UNSAFE_PATH', `Source "${spec.name}": ${field} ${configured} is outside the workspace${isInside(resolve(workspaceDir), base) ? ' (through a symlink)' : ''}.`, {
      where: { file: 'fieldwork.yaml' },
      hint: `Evidence is read from inside the workspace folder unless the source says otherwise: move the export into the workspace, or add outsideWorkspace: true to the source "${spec.name}".`,
    });
  }
  if (spec.path !== undefined) {
    const walker = new Walker(workspaceDir, real, spec);
    if (!statSync(real).isDirectory()) return [base];
    walker.walk(base, real);
    if (walker.files.length === 0) {
      throw new FieldworkError('INPUT_NOT_FOUND', `Source "${spec.name}": the folder ${spec.path} has no file to read${spec.fileTypes && !spec.allFiles ? ` (${spec.fileTypes.join(', ')})` : ''}.`, {
        where: { file: spec.path },
        hint: 'An empty folder is missing evidence, not evidence of nothing: put the exports there, point path at the right folder, or remove the source.',
      });
    }
    return walker.files;
  }
  const re = globToRegExp(spec.glob!.replace(/^\.\//, ''));
  // A glob names its files itself: the kind's file types only narrow folder sources.
  const walker = new Walker(workspaceDir, real, { ...spec, allFiles: true }, true);
  if (present && statSync(real).isDirectory()) walker.walk(base, real);
  const matches = (f: string) => re.test(relative(workspaceDir, f).split(sep).join('/'));
  for (const [link, e] of walker.refused) if (matches(link)) throw e;
  const files = walker.files.filter(matches);
  if (files.length === 0) {
    throw new FieldworkError('INPUT_NOT_FOUND', `Source "${spec.name}": no file matches ${spec.glob}.`, {
      where: { file: spec.glob }, hint: 'Globs are relative to the workspace folder; * matches within a folder, ** across folders.',
    });
  }
  return files;
}

function lstatSafe(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

/** Name endings each media type's files have, for kinds that do not list their own. */
const TYPES_BY_MEDIA: Record<string, readonly string[]> = {
  'application/json': ['.json', '.jsonl', '.ndjson'],
  'application/x-ndjson': ['.jsonl', '.ndjson', '.json'],
  'application/sarif+json': ['.sarif', '.json'],
  'application/vnd.cyclonedx+json': ['.json'],
  'application/yaml': ['.yaml', '.yml'],
  'text/csv': ['.csv'],
  'text/markdown': ['.md'],
  'text/plain': ['.txt', '.log'],
};

/**
 * The file name endings a folder source of this collector reads: its own `fileTypes`, or those
 * of its media type; undefined (every file) for `'any'` or when neither is known.
 */
export function sourceFileTypes(collector: { mediaType?: string; fileTypes?: readonly string[] | 'any' }): readonly string[] | undefined {
  if (collector.fileTypes === 'any') return undefined;
  return collector.fileTypes ?? (collector.mediaType ? TYPES_BY_MEDIA[collector.mediaType] : undefined);
}
