import { createServer } from 'node:http';
import type { IncomingMessage, ServerOptions as HttpServerOptions, ServerResponse } from 'node:http';
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { fastReads } from './fast-reads.js';
import { createServerApp } from './server-app.js';
import { ServerContext } from './server-context.js';
import type { ServerOptions } from './server-context.js';

/** A listening server and how to stop it. */
export interface RunningServer {
  /** `http://host:port` as bound (port 0 resolves to the chosen port). */
  url: string;
  port: number;
  /**
   * Stops accepting connections and waits for requests in flight (a running collection) up to
   * `graceMs`, then drops the rest. Does not close the store.
   */
  close(graceMs?: number): Promise<void>;
}

/**
 * Serves the app on Node's HTTP server. The API's hot GETs are answered by the fast read path
 * (fast-reads.ts) when it can; everything else, and anything it declines, goes to the Hono app.
 *
 * @example
 * const server = await startServer({ workspaceDir, store, auth }, { port: 0, host: '127.0.0.1' })
 * await fetch(`${server.url}/api/health`)
 * await server.close()
 */
export function startServer(options: ServerOptions, listen: { port: number; host: string }): Promise<RunningServer> {
  // One context for both layers: the page cache and the cached workspace are shared.
  const ctx = new ServerContext(options);
  const app = createServerApp(options, ctx);
  const fast = fastReads(ctx);
  const withFastReads = (o: HttpServerOptions, hono: (req: IncomingMessage, res: ServerResponse) => void) =>
    createServer(o, (req, res) => {
      fast(req, res).then((answered) => {
        if (!answered) hono(req, res);
      }, () => {
        if (!res.headersSent) hono(req, res);
        else res.destroy();
      });
    });
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: listen.port, hostname: listen.host, createServer: withFastReads as typeof createServer }, (info: AddressInfo) => {
      const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${host}:${info.port}`,
        port: info.port,
        close: (graceMs = 10_000) => new Promise<void>((done, fail) => {
          server.close((e) => (e ? fail(e) : done()));
          // Idle keep-alive connections would hold close() open; busy ones get the grace period.
          if ('closeIdleConnections' in server) {
            server.closeIdleConnections();
            setTimeout(() => server.closeAllConnections(), graceMs).unref();
          }
        }),
      });
    });
    server.once('error', reject);
  });
}
