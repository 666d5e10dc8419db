import type { IncomingMessage, ServerResponse } from 'node:http';
import { getQueryParam } from 'hono/utils/url';
import { FAST_READS } from './api-reads.js';
import type { ApiRead } from './api-reads.js';
import { authenticate } from './authenticate.js';
import type { ServerContext } from './server-context.js';
import { jsonPieces } from './json-stream.js';

/** Decides whether it answered a request; when it did not, nothing was written and Hono takes it. */
export type FastReads = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

// Headers every API answer carries (server-app.tsx's security middleware), in the order Hono's
// adapter writes them (sorted), so both layers send the same header block.
const NOSNIFF = ['referrer-policy', 'same-origin', 'x-content-type-options', 'nosniff'];

// The adapter uses `http://${host}${url}` unchanged as the request's URL when both match these
// (@hono/node-server's own tests, copied); anything else it normalizes through `new URL`, and
// then this path declines so that the two never disagree on a query value or a next link.
const PLAIN_HOST = /^[a-z0-9._-]+(?::(?:[1-5]\d{3,4}|[6-9]\d{3}))?$/;
const PLAIN_URL = /^\/[!#$&-;=?-\[\]_a-z~]*$/;
const DOT_SEGMENT = /\/\.\.?(?:[/?#]|$)/;

/**
 * The API's hot GETs (ledger pages, the latest check run and its exceptions, the latest audit,
 * controls) answered from node:http's request and response directly, without @hono/node-server's
 * conversion to a fetch `Request` and back from a `Response`, which cost more than the read
 * itself on a cached ledger page.
 *
 * It answers only the plain successful case, with the same authentication code
 * ({@link authenticate}), the same reads (api-reads.ts) and the same headers as the Hono app.
 * Anything else it declines before writing a byte, and the Hono app answers it as before: other
 * methods and paths, a public path, a refused or missing credential, a repeated Host,
 * Authorization or Cookie header (Node keeps the first, fetch's Headers join them), a request
 * with a body, and any read that throws (bad cursor or limit, nothing stored yet, a store error).
 * So every error response, status and message still comes from one place.
 *
 * @example
 * const fast = fastReads(ctx)
 * createServer((req, res) => fast(req, res).then((done) => done || hono(req, res)))
 */
export function fastReads(ctx: ServerContext): FastReads {
  return async (req, res) => {
    const method = req.method;
    if (method !== 'GET' && method !== 'HEAD') return false;
    const url = req.url ?? '';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    const read = FAST_READS.get(path);
    if (read === undefined) return false;
    const h = req.headersDistinct;
    if ((h.host?.length ?? 0) !== 1 || (h.authorization?.length ?? 0) > 1 || (h.cookie?.length ?? 0) > 1) return false;
    if (h['content-length'] !== undefined || h['transfer-encoding'] !== undefined) return false;
    const host = h.host![0];
    if (!PLAIN_HOST.test(host) || !PLAIN_URL.test(url) || DOT_SEGMENT.test(url) || 'encrypted' in req.socket) return false;
    let answer: ApiRead;
    try {
      const who = authenticate(ctx, {
        method, path, host, localPort: req.socket.localPort,
        authorization: h.authorization?.[0], cookie: h.cookie?.[0], origin: h.origin?.[0], fetchSite: h['sec-fetch-site']?.[0],
        search: () => (q < 0 ? '' : url.slice(q)),
      });
      if (who.kind !== 'principal') return false;
      // The URL the adapter gives Hono, for the same query parsing and next link.
      const absolute = `http://${host}${url}`;
      answer = await read(ctx, (k) => getQueryParam(absolute, k) as string | undefined, absolute);
    } catch {
      return false;
    }
    write(req, res, answer);
    return true;
  };
}

function write(req: IncomingMessage, res: ServerResponse, answer: ApiRead): void {
  const head = req.method === 'HEAD';
  const link = answer.link === undefined ? [] : ['link', answer.link];
  if ('json' in answer) {
    const length = head ? [] : ['content-length', String(Buffer.byteLength(answer.json))];
    res.writeHead(200, ['cache-control', 'no-store', 'content-type', 'application/json', ...link, ...NOSNIFF, ...length]);
    res.end(head ? undefined : answer.json);
    return;
  }
  const type = ['cache-control', 'no-store', 'content-type', 'application/json; charset=UTF-8', ...link, ...NOSNIFF];
  if (head) {
    res.writeHead(200, type);
    res.end();
    return;
  }
  // The adapter sends a stream that ends within its first piece with a Content-Length, and any
  // longer one chunked; so does this.
  const pieces = jsonPieces(answer.value);
  const first = pieces.next();
  const second = first.done ? first : pieces.next();
  if (second.done) {
    const body = first.done ? '' : first.value;
    res.writeHead(200, [...type, 'content-length', String(Buffer.byteLength(body))]);
    res.end(body);
    return;
  }
  res.writeHead(200, type);
  res.write(first.value);
  res.write(second.value);
  // The rest piece by piece as the client takes them, like jsonResponse's pull stream.
  const pump = (): void => {
    try {
      for (;;) {
        const next = pieces.next();
        if (next.done) {
          res.end();
          return;
        }
        if (!res.write(next.value)) {
          res.once('drain', pump);
          return;
        }
      }
    } catch (e) {
      process.stderr.write(`fieldwork serve: GET ${req.url}: ${e instanceof Error ? e.message : String(e)}\n`);
      res.destroy();
    }
  };
  res.once('close', () => pieces.return(undefined));
  pump();
}
