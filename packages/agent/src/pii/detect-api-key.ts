import type { PiiFinding } from './pii-type.js';

// One regex finds every possible start; V8 scans a literal alternation quickly. The matching
// sticky pattern below then reads the whole key.
const PREFIX = /sk-|AKIA|ASIA|AIza|gh[pousr]_|github_pat_|xox[abpr]-|[sr]k_live_|eyJ|-----BEGIN /g;

const FORMATS: ReadonlyArray<readonly [prefix: string, pattern: RegExp]> = [
  // Anthropic first: its keys also start with the OpenAI prefix.
  ['sk-', /sk-ant-[A-Za-z0-9_-]{32,}|sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{32,}/y],
  ['AKIA', /AKIA[0-9A-Z]{16}/y], // AWS access key id (long-term)
  ['ASIA', /ASIA[0-9A-Z]{16}/y], // AWS access key id (temporary)
  ['AIza', /AIza[0-9A-Za-z_-]{35}/y], // Google API key
  ['gh', /gh[pousr]_[A-Za-z0-9]{36,255}/y], // GitHub classic tokens
  ['github_pat_', /github_pat_[A-Za-z0-9_]{36,255}/y], // GitHub fine-grained token
  ['xox', /xox[abpr]-[A-Za-z0-9-]{10,250}/y], // Slack
  ['sk_live_', /sk_live_[A-Za-z0-9]{20,247}/y], // Stripe secret key
  ['rk_live_', /rk_live_[A-Za-z0-9]{20,247}/y], // Stripe restricted key
  ['eyJ', /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/y], // JWT
  ['-----BEGIN ', /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/y], // PEM header; body found in code
];
const PEM_END = /-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----/g;
/** A PEM body longer than this is not looked through for its footer. */
const PEM_MAX = 16_384;

/**
 * Finds API keys and secrets of the major providers (OpenAI, Anthropic, AWS access key ids,
 * Google, GitHub, Slack, Stripe live keys), PEM private key blocks and JSON Web Tokens. Provider
 * formats are validated by their shape; a JWT is validated only when its header decodes to a
 * JSON object with an `alg`, so any `eyJ…` string is not enough.
 */
export function detectApiKey(text: string, out: PiiFinding[]): void {
  PREFIX.lastIndex = 0;
  for (let p = PREFIX.exec(text); p !== null; p = PREFIX.exec(text)) {
    const at = p.index;
    if (at > 0 && isTokenChar(text.charCodeAt(at - 1))) continue;
    const format = FORMATS.find(([prefix]) => text.startsWith(prefix, at));
    if (format === undefined) continue;
    const [prefix, pattern] = format;
    pattern.lastIndex = at;
    const m = pattern.exec(text);
    if (m === null) continue;
    const raw = m[0];
    let end = at + raw.length;
    if (prefix === '-----BEGIN ') {
      end = pemEnd(text, end);
    } else if (isTokenChar(text.charCodeAt(end))) {
      continue;
    } else if (prefix === 'eyJ' && !jwtHeaderValid(raw)) {
      continue;
    } else if (prefix === 'sk-' && !raw.startsWith('sk-ant-') && !mixed(raw.slice(3))) {
      continue;
    }
    out.push({ type: 'api_key', start: at, end, validated: true, confidence: 'high' });
    PREFIX.lastIndex = end;
  }
}
function isTokenChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45;
}

/** Keys are random: a `sk-` string of only lowercase words and dashes is prose or a slug. */
function mixed(body: string): boolean {
  return /\d/.test(body) && /[A-Z]/.test(body) && /[a-z]/.test(body);
}

/** End of the footer if one follows within {@link PEM_MAX}, otherwise end of the base64 body. */
function pemEnd(text: string, headerEnd: number): number {
  const window = text.slice(headerEnd, headerEnd + PEM_MAX);
  PEM_END.lastIndex = 0;
  const footer = PEM_END.exec(window);
  if (footer !== null) return headerEnd + footer.index + footer[0].length;
  const body = /^[A-Za-z0-9+/=\s:,-]*/.exec(window)?.[0] ?? '';
  return headerEnd + body.trimEnd().length;
}

function jwtHeaderValid(token: string): boolean {
  const header = token.slice(0, token.indexOf('.'));
  try {
    const b64 = header.replace(/-/g, '+').replace(/_/g, '/');
    const decoded = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
    // Cheap test first: parsing (and throwing on) every eyJ… lookalike is slow.
    if (!decoded.trimEnd().endsWith('}') || !decoded.includes('"alg"')) return false;
    const json: unknown = JSON.parse(decoded);
    return typeof json === 'object' && json !== null && 'alg' in json;
  } catch {
    return false;
  }
}
