import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createServerApp } from './server-app.js';
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
 * Serves the app on Node's HTTP server.
 *
 * @example
 * const server = await startServer({ workspaceDir, store, auth }, { port: 0, host: '127.0.0.1' })
 * await fetch(`${server.url}/api/health`)
 * await server.close()
 */
export function startServer(options: ServerOptions, listen: { port: number; host: string }): Promise<RunningServer> {
  const app = createServerApp(options);
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: listen.port, hostname: listen.host }, (info: AddressInfo) => {
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
