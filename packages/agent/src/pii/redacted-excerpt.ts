import { detectPii } from './detect-pii.js';
import type { PiiFinding } from './pii-type.js';
import { redact, redactionMarker } from './redact.js';

/** Extra text scanned on each side so that values cut by the excerpt edge are still found. */
const MARGIN = 64;

/** Passes of re-scanning a finished excerpt before giving up on its context. */
const RESCANS = 3;

/**
 * A short piece of text around a finding with the value replaced by `[REDACTED:<TYPE>]`, for
 * showing where PII was found without storing it. Any other PII inside the excerpt is masked
 * too, whitespace runs become single spaces, and `…` marks a cut at either end. The finished
 * excerpt is scanned again: joining whitespace can complete a value the scan of the original
 * text missed (a card number broken over lines), and whatever is found then is masked as well;
 * if something is still found after a few passes, only the marker is kept.
 *
 * @example
 * ```ts
 * import { detectPii, redactedExcerpt } from '@fieldwork/agent/pii';
 * const text = 'Please write to ada@example.com about the invoice.';
 * const [f] = detectPii(text);
 * console.log(redactedExcerpt(text, f, 10)); // …write to [REDACTED:EMAIL] about the…
 * ```
 */
export function redactedExcerpt(text: string, finding: PiiFinding, radius = 20): string {
  const lo = Math.max(0, finding.start - radius);
  const hi = Math.min(text.length, finding.end + radius);
  const wideLo = Math.max(0, lo - MARGIN);
  const wideHi = Math.min(text.length, hi + MARGIN);
  const masks: PiiFinding[] = [finding];
  for (const f of detectPii(text.slice(wideLo, wideHi))) {
    const start = f.start + wideLo;
    const end = f.end + wideLo;
    if (end > lo && start < hi && (end <= finding.start || start >= finding.end)) masks.push({ ...f, start, end });
  }
  masks.sort((a, b) => a.start - b.start);
  return excerptOf(text, finding, lo, hi, masks);
}

/**
 * {@link redactedExcerpt} for a finding among the findings of a whole scan of `text` (as
 * {@link detectPii} returns them: by position, none overlapping), for the streaming scanner: the
 * other values inside the excerpt are masked from those findings instead of a second scan of the
 * text around it. The finished excerpt is scanned again as in redactedExcerpt, so whatever the
 * whole scan did not find there and a scan of the excerpt does find is masked too.
 */
export function redactedExcerptAmong(text: string, finding: PiiFinding, found: readonly PiiFinding[], radius = 20): string {
  const lo = Math.max(0, finding.start - radius);
  const hi = Math.min(text.length, finding.end + radius);
  // The first finding that ends after lo: the findings' ends rise with their starts.
  let a = 0;
  let b = found.length;
  while (a < b) {
    const mid = (a + b) >>> 1;
    if (found[mid]!.end > lo) b = mid;
    else a = mid + 1;
  }
  const masks: PiiFinding[] = [];
  for (let i = a; i < found.length && found[i]!.start < hi; i++) masks.push(found[i]!);
  if (!masks.includes(finding)) {
    masks.push(finding);
    masks.sort((x, y) => x.start - y.start);
  }
  return excerptOf(text, finding, lo, hi, masks);
}

// The excerpt text[lo, hi) of a finding with the masks (sorted by start) replaced by markers.
function excerptOf(text: string, finding: PiiFinding, lo: number, hi: number, masks: readonly PiiFinding[]): string {
  let out = '';
  let at = lo;
  for (const m of masks) {
    if (m.end <= at) continue;
    out += text.slice(at, Math.max(at, m.start)) + redactionMarker(m);
    at = Math.min(hi, m.end);
    if (m.end >= hi) at = hi;
  }
  out += text.slice(at, hi);
  const body = rescanned(out.replace(/\s+/g, ' ').trim());
  if (body === undefined) return redactionMarker(finding);
  return (lo > 0 ? '…' : '') + body + (hi < text.length ? '…' : '');
}

// Masks what a scan of the excerpt itself finds; undefined when it does not settle.
function rescanned(excerpt: string): string | undefined {
  let text = excerpt;
  for (let pass = 0; pass < RESCANS; pass++) {
    const left = detectPii(text);
    if (left.length === 0) return text;
    text = redact(text, { findings: left });
  }
  return detectPii(text).length === 0 ? text : undefined;
}
