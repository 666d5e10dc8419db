import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, lstatSync, mkdirSync, openSync, realpathSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { FieldworkError } from '@fieldwork/core';

/**
 * Writes `content` to `file` without ever following a symlink, and atomically (a temporary file
 * beside it, created exclusively, then renamed over it), so a reader never sees half a file.
 *
 * Refused with INPUT_UNSAFE_PATH (exit 3): `file` is a symlink or not a regular file, or its
 * folder leads (through a symlink) out of `root`. A committed `policies/x.md → /etc/passwd`
 * link must not turn `fieldwork policy approve` into a write to a host file.
 *
 * @param root The folder the write must stay in (the workspace, the report folder); default
 *   the file's own folder, which still refuses a symlink at the file itself.
 * @example
 * writeFileSafely(join(ws.dir, 'policies', 'access-control.md'), text, ws.dir);
 */
export function writeFileSafely(file: string, content: string | Buffer, root = dirname(resolve(file))): void {
  const abs = assertWritableTarget(file, root);
  const dir = dirname(abs);
  const tmp = join(dir, `.${basename(abs)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  // 'wx' is O_CREAT|O_EXCL: it never opens an existing path, a symlink planted there included.
  const fd = openSync(tmp, 'wx', 0o644);
  try {
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    for (let off = 0; off < bytes.length;) off += writeSync(fd, bytes, off, bytes.length - off);
    fsyncSync(fd);
    closeSync(fd);
    // rename replaces the directory entry itself: a link put at `file` meanwhile is replaced, never followed.
    renameSync(tmp, abs);
  } catch (e) {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
    rmSync(tmp, { force: true });
    throw e;
  }
}

/**
 * The checks of {@link writeFileSafely} for writers that stream (the auditor zip): creates the
 * folder, refuses a symlinked target or a folder that leads out of `root`, returns the absolute
 * path. Write to an exclusive temporary file (`flags: 'wx'`) and rename it over the target.
 */
export function assertWritableTarget(file: string, root = dirname(resolve(file))): string {
  const abs = resolve(file);
  const dir = dirname(abs);
  mkdirSync(dir, { recursive: true });
  const shown = relative(resolve(root), abs) || abs;
  const realRoot = realpathSync(resolve(root));
  const realDir = realpathSync(dir);
  const rel = relative(realRoot, realDir);
  if (rel.startsWith('..') || isAbsolute(rel)) {
    throw refuse(shown, `its folder leads out of ${root} through a symlink (to ${realDir})`);
  }
  const existing = lstatOrUndefined(abs);
  if (existing?.isSymbolicLink()) throw refuse(shown, 'it is a symlink');
  if (existing && !existing.isFile()) throw refuse(shown, 'it is not a regular file');
  return abs;
}

function lstatOrUndefined(p: string): ReturnType<typeof lstatSync> | undefined {
  try {
    return lstatSync(p);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

function refuse(shown: string, why: string): FieldworkError {
  return new FieldworkError('INPUT_UNSAFE_PATH', `Refusing to write ${shown}: ${why}.`, {
    where: { file: shown },
    hint: 'Fieldwork never writes through a symlink. Replace the link with a regular file (or remove it) and run the command again.',
  });
}
