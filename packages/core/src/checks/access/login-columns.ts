import { instantMs } from './instant-ms.js';

/** A sign-in as the MFA check reads it back: what it compares and cites. */
export interface Login {
  at: string;
  /** The IdP account (`system|accountId`), or '' when the event names none. */
  account: string;
  source: string;
  artifact: string;
  locator: string;
  /** Arrival order: ties in time keep the order the records came in. */
  seq: number;
}

const LINE = /^line (0|[1-9]\d{0,8})$/;

/** The order of sign-ins: by time, then arrival. */
export const byAtSeq = <T extends { at: string; seq: number }>(a: T, b: T): number => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.seq - b.seq);

/** Strings shared by every account's columns (IdP accounts, sources with their artifacts), each held once and named by its index. */
export class LoginStrings {
  readonly accounts: string[] = [];
  readonly origins: [source: string, artifact: string][] = [];
  private readonly accountIndex = new Map<string, number>();
  private readonly originIndex = new Map<string, Map<string, number>>();

  account(s: string): number {
    let i = this.accountIndex.get(s);
    if (i === undefined) this.accountIndex.set(s, (i = this.accounts.push(s) - 1));
    return i;
  }

  origin(source: string, artifact: string): number {
    let bySource = this.originIndex.get(artifact);
    if (!bySource) this.originIndex.set(artifact, (bySource = new Map()));
    let i = bySource.get(source);
    if (i === undefined) bySource.set(source, (i = this.origins.push([source, artifact]) - 1));
    return i;
  }
}

/**
 * One account's sign-ins kept as columns of numbers: the time as milliseconds, the arrival
 * order, the IdP account and the source as indexes into {@link LoginStrings}, a `line N`
 * locator as N. About 24 bytes a sign-in where an object with its strings took about 150.
 * A time or locator of another form is kept as its string, so {@link LoginColumns.logins}
 * gives back exactly what was added.
 */
export class LoginColumns {
  private n = 0;
  private ms = new Float64Array(8);
  private seqs = new Int32Array(8);
  private accounts = new Int32Array(8);
  private origins = new Int32Array(8);
  /** N of `line N`, or -1 when the locator is in `locators`. */
  private lines = new Int32Array(8);
  private readonly times = new Map<number, string>();
  private readonly locators = new Map<number, string>();

  constructor(private readonly strings: LoginStrings) {}

  get length(): number {
    return this.n;
  }

  add(l: Login): void {
    if (this.n === this.ms.length) this.grow();
    const i = this.n++;
    const t = instantMs(l.at);
    if (t !== undefined) this.ms[i] = t;
    else {
      this.ms[i] = NaN;
      this.times.set(i, l.at);
    }
    if (l.seq > 0x7fffffff) throw new RangeError('More sign-ins than one account\'s columns hold.');
    this.seqs[i] = l.seq;
    this.accounts[i] = this.strings.account(l.account);
    this.origins[i] = this.strings.origin(l.source, l.artifact);
    const line = LINE.exec(l.locator);
    if (line) this.lines[i] = Number(line[1]);
    else {
      this.lines[i] = -1;
      this.locators.set(i, l.locator);
    }
  }

  /** The `i`-th sign-in added, as it was added. */
  login(i: number): Login {
    const [source, artifact] = this.strings.origins[this.origins[i]];
    return { at: this.at(i), account: this.strings.accounts[this.accounts[i]], source, artifact, locator: this.lines[i] >= 0 ? `line ${this.lines[i]}` : (this.locators.get(i) as string), seq: this.seqs[i] };
  }

  /** The first sign-in by time, then arrival (what `logins()[0]` is), without building the others. */
  first(): Login {
    let best = 0;
    for (let i = 1; i < this.n; i++) {
      const a = this.ms[i];
      const b = this.ms[best];
      // Normalized instants order as their milliseconds; compare strings when either is not one.
      const c = !Number.isNaN(a) && !Number.isNaN(b) ? a - b : this.at(i) < this.at(best) ? -1 : this.at(i) > this.at(best) ? 1 : 0;
      if (c < 0 || (c === 0 && this.seqs[i] < this.seqs[best])) best = i;
    }
    return this.login(best);
  }

  /** Every sign-in, by time then arrival. */
  logins(): Login[] {
    const out: Login[] = [];
    for (let i = 0; i < this.n; i++) out.push(this.login(i));
    return out.sort(byAtSeq);
  }

  private at(i: number): string {
    const t = this.ms[i];
    return Number.isNaN(t) ? (this.times.get(i) as string) : new Date(t).toISOString();
  }

  private grow(): void {
    const size = this.ms.length * 2;
    const wider = <T extends Float64Array | Int32Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.ms = wider(this.ms, (k) => new Float64Array(k));
    this.seqs = wider(this.seqs, (k) => new Int32Array(k));
    this.accounts = wider(this.accounts, (k) => new Int32Array(k));
    this.origins = wider(this.origins, (k) => new Int32Array(k));
    this.lines = wider(this.lines, (k) => new Int32Array(k));
  }
}
