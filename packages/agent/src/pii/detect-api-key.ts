import type { PiiFinding } from './pii-type.js';

// Provider formats. Each alternative starts with a literal prefix so the scan stays cheap.
const CANDIDATE = new RegExp(
  [
    'sk-ant-[A-Za-z0-9_-]{32,}', // Anthropic
    'sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{32,}', // OpenAI
    '(?:AKIA|ASIA)[0-9A-Z]{16}(?![0-9A-Za-z])', // AWS access key id
    'AIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])', // Google API key
    'gh[pousr]_[A-Za-z0-9]{36,255}', // GitHub tokens
    'github_pat_[A-Za-z0-9_]{36,255}', // GitHub fine-grained token
    'xox[abpr]-[A-Za-z0-9-]{10,250}', // Slack
    '[sr]k_live_[A-Za-z0-9]{20,247}', // Stripe live secret / restricted key
    'eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*', // JWT
    '-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----', // PEM private key (body found in code)
  ]
    .map((p) => `(?:${p})`)
    .join('|'),
  'g',
);
const PEM_END = /-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----/g;
/** A PEM body longer than this is not looked through for its footer. */
export const PEM_MAX = 16_384;

/**
 * Finds API keys and secrets of the major providers (OpenAI, Anthropic, AWS access key ids,
 * Google, GitHub, Slack, Stripe live keys), PEM private key blocks and JSON Web Tokens. Provider
 * formats are validated by their shape; a JWT is validated only when its header decodes to a
 * JSON object with an `alg`, so any `eyJ…` string is not enough.
 */
export function detectApiKey(text: string, out: PiiFinding[]): void {
  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(text); m !== null; m = CANDIDATE.exec(text)) {
    const start = m.index;
    const before = start > 0 ? text.charCodeAt(start - 1) : 32;
    if (isTokenChar(before)) continue;
    const raw = m[0];
    let end = start + raw.length;
    if (raw.startsWith('-----BEGIN')) {
      end = pemEnd(text, end);
      CANDIDATE.lastIndex = end;
    } else if (isTokenChar(text.charCodeAt(end))) {
      continue;
    } else if (raw.startsWith('eyJ') && !jwtHeaderValid(raw)) {
      continue;
    } else if (raw.startsWith('sk-') && !raw.startsWith('sk-ant-') && !mixed(raw.slice(3))) {
      continue;
    }
    out.push({ type: 'api_key', start, end, validated: true, confidence: 'high' });
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
    const json: unknown = JSON.parse(atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4)));
    return typeof json === 'object' && json !== null && 'alg' in json;
  } catch {
    return false;
  }
}
