import { resolve } from 'node:path';
import { FieldworkStore } from '../store/index.js';
import { loadWorkspace } from '../workspace/index.js';
import type { LoadedWorkspace } from '../workspace/index.js';

/** Global options every command accepts. */
export interface GlobalOptions {
  workspace?: string;
  json?: boolean;
}

/** The workspace folder from --workspace (default: the current folder). */
export function workspaceDir(g: GlobalOptions): string {
  return resolve(g.workspace ?? process.cwd());
}

/** Loads the workspace and opens its store; the caller closes the store. */
export async function openWorkspace(g: GlobalOptions): Promise<{ ws: LoadedWorkspace; store: FieldworkStore }> {
  const ws = loadWorkspace(workspaceDir(g));
  const store = await FieldworkStore.open(FieldworkStore.locationFor(ws.dir));
  return { ws, store };
}

/** Runs `fn` with an open store and always closes it. */
export async function withWorkspace<T>(g: GlobalOptions, fn: (ctx: { ws: LoadedWorkspace; store: FieldworkStore }) => Promise<T>): Promise<T> {
  const ctx = await openWorkspace(g);
  try {
    return await fn(ctx);
  } finally {
    await ctx.store.close();
  }
}
