import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { sha256 } from '../evidence/index.js';
import type { ServerContext } from './server-context.js';
import { ServerError } from './server-error.js';

/** Artifacts up to this size are re-hashed before they are served; larger ones are streamed. */
const VERIFY_LIMIT = 64 * 1024 * 1024;

/** A filename safe inside a quoted Content-Disposition parameter. */
function asciiName(name: string): string {
  const base = name.split(/[\\/]/).pop() || 'artifact';
  return base.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 150);
}

/**
 * The exact bytes of a stored artifact, as an attachment with the media type recorded at
 * collection. The bytes are re-hashed first (up to 64 MiB): a blob that no longer matches its
 * address is refused with 409 rather than handed to an auditor. Served sandboxed and never
 * sniffed, so an HTML or SVG export cannot run script in the dashboard's origin.
 */
export async function artifactResponse(ctx: ServerContext, raw: string): Promise<Response> {
  const sha = raw.toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(sha)) throw new ServerError(422, 'BAD_REQUEST', 'An artifact is addressed by its SHA-256: 64 hexadecimal characters.');
  const row = await ctx.store.db.selectFrom('artifacts').selectAll().where('sha256', '=', sha).executeTakeFirst();
  if (!row) throw new ServerError(404, 'NOT_FOUND', `No artifact ${sha} in the store.`);
  if (Number(row.retained) === 0) {
    throw new ServerError(410, 'NOT_RETAINED', `Artifact ${sha} is kept by hash only: it may hold prompt or completion text, which Fieldwork does not store.`, 'Ask the workspace owner for the original file; its SHA-256 must equal the address.');
  }
  const headers = new Headers({
    'content-type': row.media_type ?? 'application/octet-stream',
    'content-disposition': `attachment; filename="${asciiName(row.name)}"; filename*=UTF-8''${encodeURIComponent(row.name.split(/[\\/]/).pop() || 'artifact')}`,
    'x-content-type-options': 'nosniff',
    'content-security-policy': "sandbox; default-src 'none'",
    // Evidence may hold personal data: never kept by a browser or a proxy.
    'cache-control': 'no-store',
    etag: `"${sha}"`,
    'x-fieldwork-sha256': sha,
  });
  const path = ctx.store.blobs.pathOf(sha);
  if (path && Number(row.size) > VERIFY_LIMIT) {
    headers.set('content-length', String(row.size));
    headers.set('x-fieldwork-verified', 'false');
    return new Response(Readable.toWeb(createReadStream(path)) as ReadableStream, { headers });
  }
  const bytes = await ctx.store.blobs.read(sha);
  if (!bytes) throw new ServerError(409, 'EVIDENCE_INTEGRITY', `The bytes of artifact ${sha} are missing from the blob store.`, 'Run `fieldwork verify` to see which ledger entries are affected.');
  if (sha256(bytes) !== sha) throw new ServerError(409, 'EVIDENCE_INTEGRITY', `The stored bytes of artifact ${sha} no longer match their SHA-256.`, 'Run `fieldwork verify`; restore the blob from a backup.');
  headers.set('content-length', String(bytes.length));
  headers.set('x-fieldwork-verified', 'true');
  return new Response(new Uint8Array(bytes), { headers });
}
