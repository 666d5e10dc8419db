import { randomBytes } from 'node:crypto';
import { appendFileSync, chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FieldworkError } from '@fieldwork/core';

/** The environment variable that holds the workspace secret (CI, several machines, a secret manager). */
export const SECRET_ENV = 'FIELDWORK_SECRET';

/**
 * Where the workspace secret is kept when the environment does not set it: local state, never in
 * git, and outside `.fieldwork/` — the evidence store is copied around (CI artifacts, backups,
 * an auditor's copy) and the key must not travel with the hashes it protects.
 */
export const SECRET_FILE = '.fieldwork-secret';

/** A secret shorter than this would make the keyed hashes guessable. */
const MIN_LENGTH = 32;

/**
 * The workspace secret: the key of the hash that stands in for end-user identifiers (see
 * {@link createPseudonymizer}). `FIELDWORK_SECRET` when set; else `.fieldwork-secret` in the
 * workspace, which is created (32 random bytes as hex, mode 0600, and listed in the workspace's
 * `.gitignore`) the first time it is needed.
 * A key file that other users can read is refused rather than used.
 *
 * @example
 * const secret = loadWorkspaceSecret('/path/to/workspace', process.env)
 */
export function loadWorkspaceSecret(workspaceDir: string, env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env[SECRET_ENV]?.trim();
  if (fromEnv !== undefined && fromEnv !== '') {
    if (fromEnv.length < MIN_LENGTH) throw tooShort(SECRET_ENV, undefined);
    return fromEnv;
  }
  const file = join(workspaceDir, SECRET_FILE);
  if (!existsSync(file)) {
    try {
      writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
      // The umask may have cleared bits; it can never have added any, but say 0600 explicitly.
      chmodSync(file, 0o600);
      keepOutOfGit(workspaceDir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new FieldworkError('CONFIG_INVALID', `Cannot create the workspace secret ${file}: ${(e as Error).message}`, { where: { file }, cause: e, hint: `Set ${SECRET_ENV} instead (at least ${MIN_LENGTH} characters).` });
    }
  }
  if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) {
    throw new FieldworkError('CONFIG_INVALID', `The workspace secret ${file} can be read by other users.`, { where: { file }, hint: `Run: chmod 600 ${file}` });
  }
  const secret = readFileSync(file, 'utf8').trim();
  if (secret.length < MIN_LENGTH) throw tooShort(file, file);
  return secret;
}

function tooShort(what: string, file: string | undefined): FieldworkError {
  return new FieldworkError('CONFIG_INVALID', `The workspace secret in ${what} is shorter than ${MIN_LENGTH} characters.`, {
    ...(file ? { where: { file } } : {}), hint: 'Generate one with: openssl rand -hex 32',
  });
}

/** Lists the secret in the workspace's .gitignore (created if missing) so it is never committed. */
function keepOutOfGit(workspaceDir: string): void {
  const gi = join(workspaceDir, '.gitignore');
  const text = existsSync(gi) ? readFileSync(gi, 'utf8') : '';
  if (text.split(/\r?\n/).some((l) => l.trim() === SECRET_FILE || l.trim() === `/${SECRET_FILE}`)) return;
  appendFileSync(gi, `${text && !text.endsWith('\n') ? '\n' : ''}# The key of the hashes that stand in for end users: never commit it.\n${SECRET_FILE}\n`);
}
