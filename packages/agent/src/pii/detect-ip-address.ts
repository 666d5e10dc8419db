import { codeAt } from './code-at.js';
import { isDigit, isWordChar } from './context.js';
import { ipv4Valid, ipv6Valid } from './ip-valid.js';
import type { PiiConfidence, PiiFinding } from './pii-type.js';
import type { DigitRuns } from './text-scan.js';

// Not inside a longer dotted or dashed token: "laravel-7.12.0.0" is a package version.
const IPV4 = /(?<![\w.-])\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}(?![\w-]|\.\d)/g;
// "version 1.2.3.4", "v1.2.3.4", `"version": "1.2.3.4"`, "build 10.0.19041.1" and the later items
// of "versions 2.6.7.4, 2.9.10.7 or 2.10.5.1" are versions.
const VERSION_BEFORE =
  /(?:\bv|\bver\.?|\bversions?|\breleases?|\bbuild(?: no\.?)?|\b(?:upgraded|updated|downgraded|bumped|pinned|rolled back)\b(?: [\w.-]+){0,8} to)["']?\s*[:=]?\s*["']?(?:\d+(?:\.\d+)+["']?\s*(?:,|\bor\b|\band\b)\s*["']?)*$/i;

/**
 * Finds IPv4 addresses (octets 0–255, no leading zeros) and IPv6 addresses. Public addresses
 * are high confidence; private, link-local and documentation ranges medium; loopback,
 * unspecified, broadcast and netmask-like values low. A dotted quad right after "version",
 * "v" or "build", or glued to a name with a dash (`pkg-1.2.3.4`), is taken for a version
 * number and skipped; a bare `1.2.3.4` in prose is reported, since nothing tells it apart.
 */
export function detectIpAddress(text: string, out: PiiFinding[], runs?: DigitRuns): void {
  if (runs !== undefined) quadsFromRuns(text, out, runs);
  else quads(text, out);
  detectIpv6(text, out);
}

function quads(text: string, out: PiiFinding[]): void {
  IPV4.lastIndex = 0;
  for (let m = IPV4.exec(text); m !== null; m = IPV4.exec(text)) {
    const raw = m[0];
    if (!ipv4Valid(raw)) continue;
    if (VERSION_BEFORE.test(text.slice(Math.max(0, m.index - 64), m.index))) continue;
    out.push({ type: 'ip_address', start: m.index, end: m.index + raw.length, validated: true, confidence: v4Confidence(raw) });
  }
}

/**
 * What {@link quads} finds, read from the scan's digit runs instead of a regex pass: IPV4 matches
 * exactly four runs of one to three digits joined by single dots, with no word character, dot
 * or dash before them and no word character, dash or dot and digit after.
 */
function quadsFromRuns(text: string, out: PiiFinding[], runs: DigitRuns): void {
  // The units around each run are the scan's.
  const { starts, ends, around } = runs;
  for (let k = 0; k + 3 < runs.count; k++) {
    const start = starts[k] as number;
    const before = (around[k] as number) & 0xffff;
    if (isWordChar(before) || before === 46 || before === 45) continue;
    let octets = 0;
    let first = 0;
    let second = 0;
    let j = k;
    for (; j < k + 4; j++) {
      const s = starts[j] as number;
      const e = ends[j] as number;
      // One to three digits, no leading zero, at most 255; joined to the one before by one dot.
      if (e - s > 3 || (j > k && (s !== (ends[j - 1] as number) + 1 || ((around[j] as number) & 0xffff) !== 46))) break;
      if (e - s > 1 && text.charCodeAt(s) === 48) octets = -1;
      const value = e - s === 1 ? text.charCodeAt(s) - 48 : e - s === 2 ? (text.charCodeAt(s) - 48) * 10 + text.charCodeAt(s + 1) - 48 : (text.charCodeAt(s) - 48) * 100 + (text.charCodeAt(s + 1) - 48) * 10 + text.charCodeAt(s + 2) - 48;
      if (value > 255) octets = -1;
      if (j === k) first = value;
      else if (j === k + 1) second = value;
      if (octets >= 0) octets++;
    }
    if (j < k + 4) continue;
    const end = ends[k + 3] as number;
    const after = (around[k + 3] as number) >>> 16;
    if (isWordChar(after) || after === 45 || (after === 46 && isDigit(codeAt(text, end + 1)))) continue;
    // The regex would go on after this match: the runs inside it start no other.
    const next = k + 3;
    if (octets === 4 && !VERSION_BEFORE.test(text.slice(Math.max(0, start - 64), start))) {
      out.push({ type: 'ip_address', start, end, validated: true, confidence: octetConfidence(first, second, end - start === 15 && text.startsWith('255.255.255.255', start)) });
    }
    k = next;
  }
}

function v4Confidence(ip: string): PiiConfidence {
  const [a, b] = ip.split('.').map(Number) as [number, number];
  return octetConfidence(a, b, ip === '255.255.255.255');
}

function octetConfidence(a: number, b: number, broadcast: boolean): PiiConfidence {
  if (a === 0 || a === 127 || a === 255 || broadcast) return 'low';
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254)) {
    return 'medium';
  }
  if (a >= 224) return 'medium';
  return 'high';
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** Grows each colon into the surrounding run of hex digits, colons and dots, then validates it. */
function detectIpv6(text: string, out: PiiFinding[]): void {
  let colon = text.indexOf(':');
  while (colon !== -1) {
    let s = colon;
    while (s > 0 && (isHex(text.charCodeAt(s - 1)) || text.charCodeAt(s - 1) === 58)) s--;
    let e = colon;
    for (let c = codeAt(text, e); isHex(c) || c === 58 || c === 46; c = codeAt(text, ++e));
    // A sentence may end right after the address.
    while (e > colon && text.charCodeAt(e - 1) === 46) e--;
    // Every IPv6 address has two colons or more ("::", seven between eight groups): a time such
    // as "12:30" is settled without a slice and the validator.
    if (e - s >= 3 && (s === 0 || !isWordChar(codeAt(text, s - 1))) && !isWordChar(codeAt(text, e)) && twoColons(text, s, e)) {
      const raw = text.slice(s, e);
      const confidence = ipv6Valid(raw) ? v6Confidence(raw) : undefined;
      if (confidence !== undefined) {
        out.push({ type: 'ip_address', start: s, end: e, validated: true, confidence });
      }
    }
    colon = text.indexOf(':', Math.max(e, colon + 1));
  }
}

/** Whether `text[start..end)` holds two colons or more. */
function twoColons(text: string, start: number, end: number): boolean {
  let colons = 0;
  for (let k = start; k < end; k++) if (text.charCodeAt(k) === 58 && ++colons === 2) return true;
  return false;
}

/** Undefined when the text is syntactically IPv6 but too thin to be an address in prose. */
function v6Confidence(raw: string): PiiConfidence | undefined {
  if (raw === '::' || raw === '::1') return 'low';
  const groups = raw.split(':').filter((g) => g !== '');
  if (!raw.includes('::')) return 'high';
  if (groups.length < 2 || !groups.some((g) => g.length >= 3)) return undefined;
  return 'medium';
}
