import type { RecordKind, RecordReader } from '../records/index.js';
import type { CheckContext, CheckFold, CheckOutcome, CheckStream } from './check.js';

/** One check's streaming form and the context it starts in, for {@link foldTogether}. */
export interface FoldMember {
  stream: CheckStream;
  ctx: CheckContext;
}

/**
 * Runs several checks' streaming forms over the reader with one read of a kind for every check
 * whose next pass is that kind (a kind's batch is the same array for each), instead of a read per
 * check and pass. Each check still gets its kinds in the order it lists them, each pass a whole
 * read, so its outcome is the one it gives alone. Kinds without records are skipped (their pass
 * is not handed over), as a lone run skips them. Each member's `start` runs first, in order;
 * what a member throws (in `start` or `add`) fails that member only: it gets no more batches.
 *
 * Returns, per member in order, its conclusion: `finish()` on the first call (the fold is then
 * let go), or the member's failure thrown. Conclude them one at a time, so one member's
 * population is made at a time.
 *
 * @example
 * const [first, second] = await foldTogether([{ stream: a, ctx }, { stream: b, ctx }], reader, count)
 * const outcome = first()
 */
export async function foldTogether(members: readonly FoldMember[], reader: RecordReader, count: (k: RecordKind) => number): Promise<(() => CheckOutcome)[]> {
  const state = members.map((m) => {
    // Passes over kinds with no records are skipped, keeping each pass's place in the listing.
    const passes = m.stream.kinds.map((kind, pass) => ({ kind, pass })).filter((p) => count(p.kind) > 0);
    let fold: CheckFold | undefined;
    let failure: unknown;
    let failed = false;
    try {
      fold = m.stream.start(m.ctx);
    } catch (e) {
      failure = e;
      failed = true;
    }
    return { passes, next: 0, fold, failure, failed };
  });
  const waiting = () => state.filter((s) => !s.failed && s.next < s.passes.length);
  for (let left = waiting(); left.length > 0; left = waiting()) {
    // The kind most members read next (ties: the one the earliest of them reads next).
    const wanting = new Map<RecordKind, number>();
    for (const s of left) {
      const k = s.passes[s.next].kind;
      wanting.set(k, (wanting.get(k) ?? 0) + 1);
    }
    let kind = left[0].passes[left[0].next].kind;
    for (const [k, n] of wanting) if (n > wanting.get(kind)!) kind = k;
    const fed = left.filter((s) => s.passes[s.next].kind === kind);
    try {
      for await (const batch of reader.batches(kind)) {
        if (batch.length === 0) continue;
        for (const s of fed) {
          if (s.failed) continue;
          try {
            s.fold!.add(kind, batch, s.passes[s.next].pass);
          } catch (e) {
            s.failure = e;
            s.failed = true;
          }
        }
      }
    } catch (e) {
      // The read itself failed: every check it fed fails with it.
      for (const s of fed) if (!s.failed) Object.assign(s, { failure: e, failed: true });
    }
    for (const s of fed) s.next++;
  }
  return state.map((s) => () => {
    const fold = s.fold;
    s.fold = undefined;
    if (s.failed || !fold) throw s.failure;
    return fold.finish();
  });
}
