import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readLines } from '../input/index.js';
import type { OktaLogEvent } from './okta-mapper.js';

/** An app sign-in waiting for the end of its artifact, with only what `mapOktaSignIn` reads. */
export interface PendingSignIn {
  e: OktaLogEvent;
  loc: string;
}

/**
 * Sign-ins kept in memory before the rest go to a temporary file. Past the first ones every
 * sign-in costs a line in the file either way, so a small number only bounds the heap sooner:
 * 10,000 were full at every size past about 20k events, and with 2,000 a 100k-event collect
 * peaked 7 MB lower (one run each; docs/scale.md, oktarss).
 */
const IN_MEMORY = 2_000;

/**
 * App sign-ins of one artifact, kept in order until its end (whether their session verified a
 * second factor may be logged after them). Each keeps only the fields its record needs; past
 * `inMemory` (2,000) they are written to a temporary file and read back in order, so memory
 * stays flat however many sign-ins an export holds. `drain` yields them all and removes the file.
 *
 * @example
 * const pending = new PendingSignIns();
 * pending.add(event, '/3');
 * for await (const { e, loc } of pending.drain()) …
 */
export class PendingSignIns {
  readonly #inMemory: number;
  #memory: PendingSignIn[] = [];
  #dir: string | undefined;
  #fd: number | undefined;
  #buffer: string[] = [];
  #buffered = 0;

  constructor(o: { inMemory?: number } = {}) {
    this.#inMemory = o.inMemory ?? IN_MEMORY;
  }

  add(e: OktaLogEvent, loc: string): void {
    const app = (e.target ?? []).find((t) => t.type === 'AppInstance');
    const compact: PendingSignIn = {
      e: {
        uuid: e.uuid, published: e.published, eventType: e.eventType,
        actor: e.actor ? { id: e.actor.id, type: e.actor.type, alternateId: e.actor.alternateId } : e.actor,
        target: app ? [{ type: app.type, displayName: app.displayName, alternateId: app.alternateId }] : [],
        outcome: e.outcome ? { result: e.outcome.result } : e.outcome,
        authenticationContext: e.authenticationContext ? { externalSessionId: e.authenticationContext.externalSessionId } : e.authenticationContext,
      },
      loc,
    };
    if (this.#fd === undefined && this.#memory.length < this.#inMemory) {
      this.#memory.push(compact);
      return;
    }
    if (this.#fd === undefined) {
      this.#dir = mkdtempSync(join(tmpdir(), 'fieldwork-okta-'));
      this.#fd = openSync(join(this.#dir, 'sign-ins.jsonl'), 'w');
    }
    const line = JSON.stringify(compact);
    this.#buffer.push(line);
    this.#buffered += line.length;
    if (this.#buffered > 1 << 20) this.#write();
  }

  async *drain(): AsyncGenerator<PendingSignIn> {
    try {
      const memory = this.#memory;
      this.#memory = [];
      yield* memory;
      if (this.#fd === undefined) return;
      this.#write();
      closeSync(this.#fd);
      this.#fd = undefined;
      const file = join(this.#dir!, 'sign-ins.jsonl');
      for await (const { text } of readLines(createReadStream(file), file)) if (text) yield JSON.parse(text) as PendingSignIn;
    } finally {
      this.dispose();
    }
  }

  /** Removes the temporary file (also when the collection stops early). */
  dispose(): void {
    if (this.#fd !== undefined) closeSync(this.#fd);
    this.#fd = undefined;
    if (this.#dir) rmSync(this.#dir, { recursive: true, force: true });
    this.#dir = undefined;
  }

  #write(): void {
    if (this.#fd === undefined || this.#buffer.length === 0) return;
    writeSync(this.#fd, this.#buffer.join('\n') + '\n');
    this.#buffer = [];
    this.#buffered = 0;
  }
}
