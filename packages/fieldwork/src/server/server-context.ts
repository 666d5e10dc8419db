import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { FieldworkStore } from '../store/index.js';
import { loadWorkspace, WORKSPACE_FILE } from '../workspace/index.js';
import type { LoadedWorkspace } from '../workspace/index.js';
import type { ServerToken } from './server-config.js';
import { LoginRateLimiter } from './login-rate-limit.js';
import type { LoginRateLimitOptions } from './login-rate-limit.js';
import type { Principal } from './server-tokens.js';
import { PageCache } from './page-cache.js';

/** A ledger page's entries as JSON, and the sequence number the next page starts after (null on the last page). */
export interface CachedLedgerPage {
  entries: string;
  next: number | null;
  count: number;
  bytes: number;
  /** The ledger head's sequence number when the page was read; the last page is good only while it is the same. */
  headSeq: number;
}

/** How requests are authenticated: API tokens (by hash), or nobody checked on a loopback-only server. */
export type AuthMode =
  | { mode: 'tokens'; /** Tokens from --token-file; the workspace's `server.tokens` are read with it. */ tokens: ServerToken[] }
  | { mode: 'insecure-local' };

/** What `createServerApp` needs. */
export interface ServerOptions {
  workspaceDir: string;
  store: FieldworkStore;
  auth: AuthMode;
  /** Mark the login cookie `Secure` (set when served over HTTPS, e.g. behind a TLS proxy). */
  secureCookies?: boolean;
  /** The clock, for the plan's "today" (tests pin it). */
  now?: () => Date;
  /** Environment passed to collectors that call live APIs. */
  env?: NodeJS.ProcessEnv;
  /** Failed sign-ins allowed per client address (in memory, per process). */
  loginRateLimit?: LoginRateLimitOptions;
  /** Bytes of serialized ledger pages kept in memory (pages that can no longer change); 0 keeps none. Default 32 MiB. */
  pageCacheBytes?: number;
}

/** Hono variables set by the auth middleware. */
export interface ServerEnv {
  Variables: { principal: Principal; authVia: 'bearer' | 'cookie' | 'local' };
}

/**
 * Shared state of one server instance: the store, the workspace (re-read when fieldwork.yaml
 * changes, so a revoked token or a new source takes effect without a restart) and a queue that
 * runs one collect or check at a time in this instance.
 */
export class ServerContext {
  readonly store: FieldworkStore;
  readonly auth: AuthMode;
  readonly secureCookies: boolean;
  readonly now: () => Date;
  readonly env: NodeJS.ProcessEnv;
  readonly workspaceDir: string;
  /** Failed sign-ins per client, for this process only. */
  readonly loginLimiter: LoginRateLimiter;
  /** Serialized ledger pages that can no longer change (see PageCache). */
  readonly ledgerPages: PageCache<CachedLedgerPage>;
  #cached: { mtimeMs: number; ws: LoadedWorkspace } | undefined;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(o: ServerOptions) {
    this.workspaceDir = o.workspaceDir;
    this.store = o.store;
    this.auth = Object.freeze({ ...o.auth });
    this.secureCookies = o.secureCookies ?? false;
    this.now = o.now ?? (() => new Date());
    this.env = o.env ?? process.env;
    this.loginLimiter = new LoginRateLimiter(o.loginRateLimit);
    this.ledgerPages = new PageCache(o.pageCacheBytes ?? 32 << 20);
  }

  /** The workspace as it is on disk now (validated; a broken edit surfaces as a 400 CONFIG_INVALID). */
  workspace(): LoadedWorkspace {
    const mtimeMs = statSync(join(this.workspaceDir, WORKSPACE_FILE), { throwIfNoEntry: false })?.mtimeMs ?? -1;
    if (this.#cached && this.#cached.mtimeMs === mtimeMs) return this.#cached.ws;
    const ws = loadWorkspace(this.workspaceDir);
    this.#cached = { mtimeMs, ws };
    return ws;
  }

  /** Every token that may sign in: --token-file ones plus the workspace's. */
  tokens(): ServerToken[] {
    if (this.auth.mode !== 'tokens') return [];
    return [...this.auth.tokens, ...(this.workspace().config.server?.tokens ?? [])];
  }

  /** Runs `job` after the ones already queued (collections and checks never overlap in one instance). */
  exclusive<T>(job: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(job, job);
    this.#queue = next.catch(() => undefined);
    return next;
  }
}
