import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addArtifacts, FieldworkError, LOAD_ITEM } from '@fieldwork/core';
import type { KeptPopulation, PopulationItem, PopulationKeeper, TraceStep } from '@fieldwork/core';

/** Bytes of item JSON gathered before one write to the spill file. */
const WRITE_CHUNK = 1 << 20;

/** The temporary file one control's items are spilled to: appended while the check runs, read back by offset. */
class SpillFile {
  readonly #dir: string;
  readonly #fd: number;
  #pending: string[] = [];
  #pendingBytes = 0;
  #size = 0;

  constructor(parent: string) {
    this.#dir = mkdtempSync(join(parent, 'fieldwork-items-'));
    const path = join(this.#dir, 'items.jsonl');
    this.#fd = openSync(path, 'w+');
    // Where the system allows it, the file goes from the directory at once: nothing is left behind if the process dies.
    try {
      rmSync(this.#dir, { recursive: true });
    } catch {
      /* removed on release instead */
    }
  }

  /** Appends one JSON text; returns its offset and length in bytes. */
  append(json: string): [offset: number, length: number] {
    const length = Buffer.byteLength(json);
    const at = this.#size + this.#pendingBytes;
    this.#pending.push(json);
    this.#pendingBytes += length;
    if (this.#pendingBytes >= WRITE_CHUNK) this.flush();
    return [at, length];
  }

  flush(): void {
    if (this.#pending.length === 0) return;
    const buf = Buffer.from(this.#pending.join(''));
    let written = 0;
    while (written < buf.length) written += writeSync(this.#fd, buf, written, buf.length - written, this.#size + written);
    this.#size += buf.length;
    this.#pending = [];
    this.#pendingBytes = 0;
  }

  read(offset: number, length: number): PopulationItem {
    this.flush();
    const buf = Buffer.allocUnsafe(length);
    let got = 0;
    while (got < length) {
      const n = readSync(this.#fd, buf, got, length - got, offset + got);
      if (n === 0) throw new FieldworkError('INTERNAL', `A population item spilled to a temporary file is cut short (${got} of ${length} bytes at ${offset}).`);
      got += n;
    }
    return JSON.parse(buf.toString('utf8')) as PopulationItem;
  }

  close(): void {
    closeSync(this.#fd);
    rmSync(this.#dir, { recursive: true, force: true });
  }
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A {@link PopulationKeeper} that writes each item to a temporary file as the check produces it
 * and keeps in memory only its id, subject and date: the audit sorts and samples the ids and
 * reads back whole only the items it samples (`fullItem`), so a control's population is never
 * one array of traces in memory. The file is gone once the keeper is released (on Linux it has
 * no name from the start, so a killed process leaves nothing behind).
 *
 * @example
 * await runChecksFrom({ ...input, keep: () => spillItems(), onResult: (r, control) => { audit.add(control, r); return withoutItems(r) } })
 */
export function spillItems(parent = tmpdir()): PopulationKeeper {
  let file: SpillFile | undefined;
  // Where each item's JSON is in the file, by the item's place in arrival order: two typed
  // arrays instead of three fields per item (a population of 1.6M items at 10M records).
  let offsets = new Float64Array(1024);
  let lengths = new Uint32Array(1024);
  // Subjects repeat (an account, a tool): one string each, not one per item.
  const subjects = new Map<string, string>();
  const kept: PopulationItem[] = [];
  const cited = new Set<string>();

  /** An item whose id, subject and date stay in memory; its trace (and the whole item) is read back from the spill file. */
  class SpilledItem implements PopulationItem {
    readonly id: string;
    readonly subject: string;
    readonly at?: string;
    readonly #n: number;

    constructor(item: PopulationItem, n: number) {
      this.id = item.id;
      let subject = subjects.get(item.subject);
      if (subject === undefined) subjects.set(item.subject, (subject = item.subject));
      this.subject = subject;
      this.at = item.at;
      this.#n = n;
    }

    get trace(): TraceStep[] {
      return this[LOAD_ITEM]().trace;
    }

    [LOAD_ITEM](): PopulationItem {
      return file!.read(offsets[this.#n], lengths[this.#n]);
    }
  }

  return {
    add(item) {
      file ??= new SpillFile(parent);
      const n = kept.length;
      if (n === offsets.length) {
        offsets = grow(offsets, new Float64Array(n * 2));
        lengths = grow(lengths, new Uint32Array(n * 2));
      }
      [offsets[n], lengths[n]] = file.append(JSON.stringify(item));
      kept.push(new SpilledItem(item, n));
      addArtifacts(cited, item);
    },
    done(): KeptPopulation {
      file?.flush();
      return { count: kept.length, items: kept.sort((a, b) => byString(a.id, b.id)), itemArtifacts: [...cited].sort() };
    },
    release() {
      file?.close();
      file = undefined;
    },
  };
}

function grow<T extends Float64Array | Uint32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
