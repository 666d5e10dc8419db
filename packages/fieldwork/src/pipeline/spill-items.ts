import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addArtifacts, FieldworkError, LOAD_ITEM, markSortedById } from '@fieldwork/core';
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
 * and keeps in memory only its id, subject and date, in columns outside the JS heap: the audit
 * samples the ids (read through `SORTED_BY_ID`) and reads back whole only the items it samples
 * (`fullItem`), so a control's population is never one array of traces in memory. The file is
 * gone once the keeper is released (on Linux it has no name from the start, so a killed process
 * leaves nothing behind).
 *
 * At 10M records AGT-01 keeps 1.6M items. As an object holding an id, a subject, a date and a
 * map entry interning each subject (all distinct there), an item took about 270 bytes of heap,
 * and the heap of a process that parses records as fast as it can grows to a few times what it
 * holds: 1.3 GB. Here an item is its id's characters and a few numbers in typed arrays (about 90
 * bytes, none on the heap) until the check returns, then a small object in the sorted array that
 * reads its id, subject and date from the columns when asked.
 *
 * @example
 * await runChecksFrom({ ...input, keep: () => spillItems(), onResult: (r, control) => { audit.add(control, r); return withoutItems(r) } })
 */
export function spillItems(parent = tmpdir()): PopulationKeeper {
  let file: SpillFile | undefined;
  // Where each item's JSON is in the file, by the item's place in arrival order: typed arrays
  // instead of fields per item (a population of 1.6M items at 10M records).
  let offsets = new Float64Array(1024);
  let lengths = new Uint32Array(1024);
  const ids = new IdColumn();
  const subjects = new SubjectColumn();
  const dates = new DateColumn();
  let count = 0;
  const cited = new Set<string>();

  /** An item whose id, subject and date are read from the keeper's columns; its trace (and the whole item) is read back from the spill file. */
  class SpilledItem implements PopulationItem {
    readonly #n: number;

    constructor(n: number) {
      this.#n = n;
    }

    get id(): string {
      return ids.get(this.#n);
    }

    get subject(): string {
      return subjects.get(this.#n, ids.get(this.#n));
    }

    get at(): string | undefined {
      return dates.get(this.#n);
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
      const n = count++;
      if (n === offsets.length) {
        offsets = grow(offsets, new Float64Array(n * 2));
        lengths = grow(lengths, new Uint32Array(n * 2));
      }
      [offsets[n], lengths[n]] = file.append(JSON.stringify(item));
      ids.set(n, item.id);
      subjects.set(n, item.subject, item.id);
      dates.set(n, item.at);
      addArtifacts(cited, item);
    },
    done(): KeptPopulation {
      file?.flush();
      // Sorted by id, ties in arrival order (as `keepItems` sorts).
      const order = new Uint32Array(count);
      for (let i = 0; i < count; i++) order[i] = i;
      order.sort((a, b) => ids.compare(a, b) || a - b);
      const items: PopulationItem[] = new Array(count);
      for (let i = 0; i < count; i++) items[i] = new SpilledItem(order[i]);
      return { count, items: markSortedById(items), itemArtifacts: [...cited].sort() };
    },
    release() {
      file?.close();
      file = undefined;
    },
  };
}

/** Bytes of ids per block of {@link IdColumn}. */
const ID_BLOCK = 1 << 20;
/** The length of an id {@link IdColumn} keeps as a string. */
const AS_STRING = 0xffffffff;

/**
 * Each item's id: its characters as bytes in blocks of 1 MB when every character is below
 * U+0100 (one byte each, in the order of JS string comparison), otherwise the string itself.
 */
class IdColumn {
  readonly #blocks: Buffer[] = [];
  /** Where the next id goes: block × {@link ID_BLOCK} + place in it. */
  #end = 0;
  #at = new Float64Array(1024);
  #length = new Uint32Array(1024);
  readonly #other = new Map<number, string>();

  set(n: number, id: string): void {
    if (n === this.#at.length) {
      this.#at = grow(this.#at, new Float64Array(n * 2));
      this.#length = grow(this.#length, new Uint32Array(n * 2));
    }
    if (id.length > ID_BLOCK || BEYOND_LATIN1.test(id)) {
      this.#length[n] = AS_STRING;
      this.#other.set(n, id);
      return;
    }
    let block = Math.floor(this.#end / ID_BLOCK);
    let place = this.#end % ID_BLOCK;
    if (block === this.#blocks.length || place + id.length > ID_BLOCK) {
      if (block < this.#blocks.length) block++;
      place = 0;
      this.#blocks.push(Buffer.allocUnsafe(ID_BLOCK));
    }
    this.#blocks[block].write(id, place, 'latin1');
    this.#at[n] = block * ID_BLOCK + place;
    this.#length[n] = id.length;
    this.#end = block * ID_BLOCK + place + id.length;
  }

  get(n: number): string {
    const length = this.#length[n];
    if (length === AS_STRING) return this.#other.get(n)!;
    const at = this.#at[n];
    const place = at % ID_BLOCK;
    return this.#blocks[Math.floor(at / ID_BLOCK)].toString('latin1', place, place + length);
  }

  /** The order of items a and b's ids, as JS compares strings. */
  compare(a: number, b: number): number {
    const la = this.#length[a];
    const lb = this.#length[b];
    if (la === AS_STRING || lb === AS_STRING) return byString(this.get(a), this.get(b));
    const pa = this.#at[a] % ID_BLOCK;
    const pb = this.#at[b] % ID_BLOCK;
    return this.#blocks[Math.floor(this.#at[a] / ID_BLOCK)].compare(this.#blocks[Math.floor(this.#at[b] / ID_BLOCK)], pb, pb + lb, pa, pa + la);
  }
}

const BEYOND_LATIN1 = /[^\u0000-\u00ff]/;

/**
 * Each item's subject: most often a part of its id (a span id after the trace id, a commit's
 * subject before its time), kept as the number of characters it starts or ends at; otherwise a
 * string, one per distinct subject among the recent ones (an account, a tool).
 */
class SubjectColumn {
  /** ≥ 0: the subject is `id.slice(k)`; < -1: it is `id.slice(0, -k - 2)`; -1: it is in `#other`. */
  #part = new Int32Array(1024);
  readonly #other = new Map<number, string>();
  /** Interned subjects, cleared when it grows large, so a population of distinct subjects does not hold a map of them all. */
  #recent = new Map<string, string>();

  set(n: number, subject: string, id: string): void {
    if (n === this.#part.length) this.#part = grow(this.#part, new Int32Array(n * 2));
    if (id.endsWith(subject)) this.#part[n] = id.length - subject.length;
    else if (id.startsWith(subject)) this.#part[n] = -subject.length - 2;
    else {
      this.#part[n] = -1;
      let known = this.#recent.get(subject);
      if (known === undefined) {
        if (this.#recent.size >= RECENT_SUBJECTS) this.#recent = new Map();
        this.#recent.set(subject, (known = subject));
      }
      this.#other.set(n, known);
    }
  }

  get(n: number, id: string): string {
    const k = this.#part[n];
    return k >= 0 ? id.slice(k) : k < -1 ? id.slice(0, -k - 2) : this.#other.get(n)!;
  }
}

const RECENT_SUBJECTS = 1 << 16;

/**
 * Each item's date: an instant as `toISOString` writes it (`2026-04-01T10:00:00.000Z`) or a
 * calendar date (`2026-04-01`) as its milliseconds, which give back the same text; any other
 * text as it is; or none.
 */
class DateColumn {
  #ms = new Float64Array(1024);
  /** 0: none; 1: an instant; 2: a calendar date; 3: other text, in `#other`. */
  #form = new Uint8Array(1024);
  readonly #other = new Map<number, string>();

  set(n: number, at: string | undefined): void {
    if (n === this.#ms.length) {
      this.#ms = grow(this.#ms, new Float64Array(n * 2));
      this.#form = grow(this.#form, new Uint8Array(n * 2));
    }
    if (at === undefined) {
      this.#form[n] = 0;
      return;
    }
    const ms = at.length === 24 && at.endsWith('Z') ? Date.parse(at) : at.length === 10 ? Date.parse(`${at}T00:00:00.000Z`) : NaN;
    if (!Number.isNaN(ms) && format(ms, at.length === 24 ? 1 : 2) === at) {
      this.#ms[n] = ms;
      this.#form[n] = at.length === 24 ? 1 : 2;
    } else {
      this.#form[n] = 3;
      this.#other.set(n, at);
    }
  }

  get(n: number): string | undefined {
    const form = this.#form[n];
    return form === 0 ? undefined : form === 3 ? this.#other.get(n) : format(this.#ms[n], form);
  }
}

function format(ms: number, form: number): string {
  const iso = new Date(ms).toISOString();
  return form === 1 ? iso : iso.slice(0, 10);
}

function grow<T extends Float64Array | Uint32Array | Int32Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
