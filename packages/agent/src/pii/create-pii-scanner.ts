import { CONTEXT_RADIUS } from './context.js';
import { detectPii } from './detect-pii.js';
import type { DetectPiiOptions, PiiFinding, PiiType } from './pii-type.js';
import { redactedExcerpt, redactedExcerptAmong } from './redacted-excerpt.js';
import { zeroCounts } from './summarize-pii.js';

/**
 * Options for {@link createPiiScanner}.
 *
 * @example
 * ```ts
 * import { createPiiScanner, type PiiScannerOptions } from '@fieldwork/agent/pii';
 * const opts: PiiScannerOptions = { maxExcerpts: 3, excerptRadius: 16 };
 * createPiiScanner(opts);
 * ```
 */
export interface PiiScannerOptions extends DetectPiiOptions {
  /** How many redacted excerpts to keep (default 5). Counts are always complete. */
  readonly maxExcerpts?: number;
  /** Characters of context on each side of an excerpt (default 20, at most 48). */
  readonly excerptRadius?: number;
  /** Called once per finding, in order, with offsets into the whole stream. */
  readonly onFinding?: (finding: PiiFinding) => void;
}

/**
 * A finding with a redacted excerpt of its surroundings; offsets are into the whole stream.
 *
 * @example
 * ```ts
 * import type { PiiExcerpt } from '@fieldwork/agent/pii';
 * const e: PiiExcerpt = { type: 'email', start: 3, end: 18, validated: true, confidence: 'high', excerpt: 'to [REDACTED:EMAIL]' };
 * ```
 */
export interface PiiExcerpt extends PiiFinding {
  readonly excerpt: string;
}

/**
 * What a scanner reports at the end of a stream: counts only, and a few redacted excerpts.
 *
 * @example
 * ```ts
 * import { createPiiScanner, type PiiScanSummary } from '@fieldwork/agent/pii';
 * const s = createPiiScanner();
 * s.write('ada@example.com');
 * const summary: PiiScanSummary = s.end();
 * console.log(summary.total); // 1
 * ```
 */
export interface PiiScanSummary {
  readonly counts: Record<PiiType, number>;
  readonly total: number;
  readonly excerpts: readonly PiiExcerpt[];
  /** Characters (UTF-16 code units) scanned. */
  readonly length: number;
}

/**
 * A streaming PII scanner; see {@link createPiiScanner}.
 *
 * @example
 * ```ts
 * import { createPiiScanner, type PiiScanner } from '@fieldwork/agent/pii';
 * const scanner: PiiScanner = createPiiScanner();
 * scanner.write('no pii here');
 * console.log(scanner.end().total); // 0
 * ```
 */
export interface PiiScanner {
  /** Feeds the next piece of text. */
  write(chunk: string): void;
  /** Finishes the stream and returns the summary. Further writes throw. */
  end(): PiiScanSummary;
}

/** Text kept before the first new character, for context words and look-behinds. */
const LEAD = CONTEXT_RADIUS + 32;
/**
 * Text held back at the end, since a value or its context may continue in the next chunk: an
 * address reads up to a line of city, postcode or country past its current end.
 */
const TAIL = CONTEXT_RADIUS + 160;
/**
 * Longest value with spaces inside (an address over several lines; phone, card, IBAN, date).
 * Longer values are held while they are open: a PEM block from its header, a JWT or key as long
 * as its run of key characters.
 */
const MAX_VALUE = 480;
/**
 * Characters in a window: each scan reads the text carried over from the last window and new text
 * up to this length. 64,000 two-byte characters are 128,000 bytes, under V8's large-object size
 * (128 KiB), so the copy that joins a window is made in the young generation, whose pages stay
 * mapped: about 1 ms per 4 M characters, where windows of 512 Ki characters were copied onto
 * freshly mapped large-object pages for 23–28 ms (page faults half of it), 16–19 % of one-shot
 * detectPii on the same text. Smaller windows used to cost more than that saved, beside one-shot
 * calls in the same process; the cause was a sort whose arrays were sized by the longest call
 * so far (docs/pii.md, "Young-generation windows").
 */
export const SCAN_WINDOW = 64_000;
/**
 * New characters a scan takes at the least, so that a window whose carried-over text is long (an
 * open value held up to `MAX_HOLD`) still moves the stream on; such a window is larger than
 * `SCAN_WINDOW`, which is rare.
 */
const MIN_NEW = 16 * 1024;
/** Upper bound on text kept for an open value; beyond it the value is reported as it stands. */
const MAX_HOLD = 64 * 1024;

/**
 * Creates a scanner for text that arrives in chunks (a prompt log read from a stream). It finds
 * the same values {@link detectPii} finds on the whole text, including values split across
 * chunk boundaries, while holding about 64,000 characters (`SCAN_WINDOW`, plus the chunk written last) however long the stream is:
 * only the counts by type and up to `maxExcerpts` redacted excerpts are kept, never a value.
 *
 * @example
 * ```ts
 * import { createPiiScanner } from '@fieldwork/agent/pii';
 * const scanner = createPiiScanner({ maxExcerpts: 2 });
 * scanner.write('user ada@exa');
 * scanner.write('mple.com signed in from 203.0.113.9');
 * const { counts, excerpts } = scanner.end();
 * console.log(counts.email, counts.ip_address); // 1 1
 * console.log(excerpts[0]?.excerpt); // user [REDACTED:EMAIL] signed in from [REDACTED:IP_ADDRESS]…
 * ```
 */
export function createPiiScanner(opts: PiiScannerOptions = {}): PiiScanner {
  return new Scanner(opts);
}

/**
 * The scanner's state and steps. A class, not closures made by each createPiiScanner call: the
 * optimized code of `scan` and `emit` is shared by every scanner, where code compiled for one
 * scanner's closures was thrown away for the next one's ("wrong call target", "wrong map") and
 * compiled again, on a background thread whose CPU time the process pays (bench/README.md).
 */
class Scanner implements PiiScanner {
  readonly #maxExcerpts: number;
  readonly #radius: number;
  readonly #detect: DetectPiiOptions;
  // Whether the scan finds every type at every confidence, so that its findings can mask the
  // other values in an excerpt; a narrower scan's excerpts scan their surroundings again.
  readonly #everyType: boolean;
  readonly #onFinding: ((finding: PiiFinding) => void) | undefined;
  readonly #counts: Record<PiiType, number> = zeroCounts();
  readonly #excerpts: PiiExcerpt[] = [];
  #total = 0;
  #buffer = '';
  // Chunks written since the last scan. They are joined into one flat string when a scan is due:
  // a string grown by `+=` is a rope, and reading a rope char by char is two to three times slower.
  readonly #pending: string[] = [];
  #pendingLength = 0;
  /** Absolute offset of the buffer's first character. */
  #offset = 0;
  /** Absolute end of the last reported finding. */
  #emittedUpTo = 0;
  #ended = false;

  constructor(opts: PiiScannerOptions) {
    this.#maxExcerpts = Math.max(0, opts.maxExcerpts ?? 5);
    this.#radius = Math.min(48, Math.max(0, opts.excerptRadius ?? 20));
    this.#detect = { types: opts.types, minConfidence: opts.minConfidence };
    this.#everyType = opts.types === undefined && (opts.minConfidence ?? 'low') === 'low';
    this.#onFinding = opts.onFinding;
  }

  write(chunk: string): void {
    if (this.#ended) throw new Error('PiiScanner: write() after end()');
    this.#pending.push(chunk);
    this.#pendingLength += chunk.length;
    // A long write is scanned in windows cut from it (slices: no copy until the join).
    for (let take = this.#newText(); this.#pendingLength >= take; take = this.#newText()) {
      this.#join(take);
      this.#scan(false);
    }
  }

  /** New characters the next window takes: enough to fill it, at least `MIN_NEW`. */
  #newText(): number {
    return Math.max(SCAN_WINDOW - this.#buffer.length, MIN_NEW);
  }

  end(): PiiScanSummary {
    if (!this.#ended) {
      this.#ended = true;
      this.#join();
      this.#scan(true);
      this.#offset += this.#buffer.length;
      this.#buffer = '';
    }
    return { counts: { ...this.#counts }, total: this.#total, excerpts: [...this.#excerpts], length: this.#offset };
  }

  // `found`: the findings of the buffer's scan that `f` is one of, which mask the other values in
  // its excerpt.
  #emit(f: PiiFinding, found: readonly PiiFinding[]): void {
    this.#counts[f.type] += 1;
    this.#total += 1;
    const offset = this.#offset;
    this.#emittedUpTo = f.end + offset;
    // Most findings are only counted: a copy with stream offsets only when someone reads it.
    const excerpt = this.#excerpts.length < this.#maxExcerpts;
    const onFinding = this.#onFinding;
    if (!excerpt && onFinding === undefined) return;
    const abs: PiiFinding = { ...f, start: f.start + offset, end: f.end + offset };
    if (excerpt) {
      const text = this.#everyType ? redactedExcerptAmong(this.#buffer, f, found, this.#radius) : redactedExcerpt(this.#buffer, f, this.#radius);
      this.#excerpts.push({ ...abs, excerpt: text });
    }
    onFinding?.(abs);
  }

  // Reports findings that lie wholly inside the settled part of the buffer, then drops the text
  // no later finding can need. Findings never overlap, so once one is still open (it reaches
  // into the held-back tail) every later one is open too.
  #scan(final: boolean): void {
    const buffer = this.#buffer;
    const lo = this.#offset === 0 ? 0 : LEAD;
    const hi = final ? buffer.length : buffer.length - TAIL;
    let open = hi - MAX_VALUE;
    const found = detectPii(buffer, this.#detect);
    for (const f of found) {
      if (f.start < lo || f.start + this.#offset < this.#emittedUpTo) continue;
      if (f.end <= hi) this.#emit(f, found);
      else open = Math.min(open, f.start);
    }
    if (final) return;
    // A long token crossing the cut (a JWT or a key) may not be recognisable until it is
    // complete: keep all of it. Only key-like characters count, so a long line of minified JSON
    // is not held whole.
    if (hi > 0 && isKeyChar(buffer.charCodeAt(hi - 1)) && isKeyChar(buffer.charCodeAt(hi))) {
      let token = hi - 1;
      while (token > 0 && isKeyChar(buffer.charCodeAt(token - 1)) && hi - token < MAX_HOLD) token--;
      open = Math.min(open, token);
    }
    let keep = Math.max(0, open - LEAD);
    if (buffer.length - keep > MAX_HOLD) {
      // An open value grew past the bound: report it as far as it is visible and move on.
      keep = buffer.length - MAX_HOLD;
      for (const f of found) {
        if (f.start >= lo && f.start + this.#offset >= this.#emittedUpTo && f.start < keep + LEAD) this.#emit(f, found);
      }
    }
    this.#offset += keep;
    this.#buffer = buffer.slice(keep);
  }

  // Moves `take` characters of the pending writes (all of them by default) to the end of the
  // buffer; the rest of a write cut through stays pending, as a slice.
  #join(take = this.#pendingLength): void {
    const pending = this.#pending;
    if (pending.length === 0) return;
    if (take >= this.#pendingLength) {
      // A short record written whole: its one chunk is the buffer, not a copy of it.
      if (this.#buffer.length === 0 && pending.length === 1) this.#buffer = pending[0]!;
      else this.#buffer = [this.#buffer, ...pending].join('');
      pending.length = 0;
      this.#pendingLength = 0;
      return;
    }
    const parts = [this.#buffer];
    let left = take;
    let used = 0;
    while (left > 0) {
      const chunk = pending[used]!;
      if (chunk.length > left) {
        parts.push(chunk.slice(0, left));
        pending[used] = chunk.slice(left);
        break;
      }
      parts.push(chunk);
      left -= chunk.length;
      used++;
    }
    pending.splice(0, used);
    this.#pendingLength -= take;
    this.#buffer = parts.join('');
  }
}

/** Characters of keys, tokens and email addresses: letters, digits and `_ - . + / = @ %`. */
function isKeyChar(c: number): boolean {
  return (
    (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ||
    c === 95 || c === 45 || c === 46 || c === 43 || c === 47 || c === 61 || c === 64 || c === 37
  );
}
