import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';

/**
 * The data of one `COPY … FROM STDIN`, passed as the statement's only parameter through Kysely
 * (`trx.executeQuery(CompiledQuery.raw('copy … from stdin …', [new CopyData(bytes)]))`): a pool
 * from {@link copyCapablePool} sends it in the COPY sub-protocol on the same connection, so the
 * copy is part of the open transaction like any other statement.
 */
export class CopyData {
  /** The data in order: one buffer, or several sent one after another (no copy to join them). */
  readonly parts: readonly Buffer[];

  constructor(bytes: Buffer | readonly Buffer[]) {
    this.parts = Buffer.isBuffer(bytes) ? [bytes] : bytes;
  }
}

/** Bytes per CopyData message: the server takes them in pieces; one large message is held whole by both sides. */
const MESSAGE_BYTES = 1 << 16;

/**
 * One `COPY … FROM STDIN` through pg's own protocol support (a submittable query: pg calls
 * `handleCopyInResponse` when the server is ready for the data). The data is in memory, so it is
 * sent at once (pg copies each message as it is queued, so the caller may reuse the buffers
 * once the statement is done); an error from the server (a bad row) fails the statement, and pg waits for the
 * server to be ready again before it sends the connection's next query.
 */
class CopyIn {
  readonly text: string;
  readonly #data: readonly Buffer[];
  readonly #resolve: (r: { command: string; rowCount: number; rows: never[] }) => void;
  readonly #reject: (e: Error) => void;
  readonly done: Promise<{ command: string; rowCount: number; rows: never[] }>;
  #rowCount = 0;
  #failed = false;

  constructor(text: string, data: readonly Buffer[]) {
    this.text = text;
    this.#data = data;
    let resolve!: (r: { command: string; rowCount: number; rows: never[] }) => void;
    let reject!: (e: Error) => void;
    this.done = new Promise((res, rej) => {
      resolve = res;
      reject = rej;
    });
    this.#resolve = resolve;
    this.#reject = reject;
  }

  // The names below are pg's Submittable interface (what its Query and pg-cursor implement).
  submit(connection: { query(text: string): void }): void {
    connection.query(this.text);
  }

  handleCopyInResponse(connection: { sendCopyFromChunk(b: Buffer): void; endCopyFrom(): void }): void {
    for (const part of this.#data) {
      for (let at = 0; at < part.length; at += MESSAGE_BYTES) connection.sendCopyFromChunk(part.subarray(at, at + MESSAGE_BYTES));
    }
    connection.endCopyFrom();
  }

  handleCommandComplete(msg: { text?: string }): void {
    this.#rowCount = Number(/(\d+)$/.exec(msg.text ?? '')?.[1] ?? 0);
  }

  // As pg's Query: an error (from the server, or the connection ending) settles the statement at once.
  handleError(e: Error): void {
    this.#failed = true;
    this.#reject(e);
  }

  handleReadyForQuery(): void {
    if (!this.#failed) this.#resolve({ command: 'COPY', rowCount: this.#rowCount, rows: [] });
  }

  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyData(): void {}
}

/**
 * Kysely's view of a pg pool whose connections also run `COPY … FROM STDIN` with a
 * {@link CopyData} parameter (Kysely hands a statement's text and parameters to the client as
 * they are). Everything else goes to pg unchanged. Ingest writes record rows this way on
 * PostgreSQL: the binary COPY format needs no escaping and no array parsing on either side.
 *
 * @example
 * new CurrentSchemaPostgresDialect({ pool: copyCapablePool(new pg.Pool({ connectionString })) })
 */
export function copyCapablePool(pool: pg.Pool): PostgresPool {
  const wrapped = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const wrap = (client: pg.PoolClient): PostgresPoolClient => {
    let w = wrapped.get(client);
    if (!w) {
      w = {
        query(text: unknown, parameters?: readonly unknown[]) {
          const data = parameters?.length === 1 ? parameters[0] : undefined;
          if (data instanceof CopyData && typeof text === 'string') {
            const copy = new CopyIn(text, data.parts);
            client.query(copy as never);
            return copy.done;
          }
          return (client.query as (...a: unknown[]) => unknown)(text, parameters);
        },
        release: (destroy?: boolean) => client.release(destroy),
      } as PostgresPoolClient;
      wrapped.set(client, w);
    }
    return w;
  };
  return {
    connect: async () => wrap(await pool.connect()),
    end: () => pool.end(),
  };
}
