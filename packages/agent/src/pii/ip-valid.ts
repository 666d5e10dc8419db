/**
 * Whether a string is a dotted-quad IPv4 address: four decimal octets 0–255 without leading
 * zeros (a leading zero is ambiguous, some parsers read it as octal).
 *
 * @example
 * ```ts
 * import { ipv4Valid } from '@fieldwork/agent/pii';
 * console.log(ipv4Valid('192.168.0.1')); // true
 * console.log(ipv4Valid('256.1.1.1')); // false
 * ```
 */
export function ipv4Valid(value: string): boolean {
  const parts = value.split('.');
  if (parts.length !== 4) return false;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || (p.length > 1 && p[0] === '0') || Number(p) > 255) return false;
  }
  return true;
}

/**
 * Whether a string is an IPv6 address in RFC 4291 text form: eight groups of one to four hex
 * digits, optionally compressed once with `::`, optionally ending in an embedded IPv4 address.
 * Zone ids (`%eth0`) and prefix lengths (`/64`) are not part of the address.
 *
 * @example
 * ```ts
 * import { ipv6Valid } from '@fieldwork/agent/pii';
 * console.log(ipv6Valid('2001:db8::8a2e:370:7334')); // true
 * console.log(ipv6Valid('12:30:45')); // false
 * ```
 */
export function ipv6Valid(value: string): boolean {
  if (value.length < 2 || value.length > 45) return false;
  let groups = 8;
  let body = value;
  const lastColon = value.lastIndexOf(':');
  const tail = value.slice(lastColon + 1);
  if (tail.includes('.')) {
    if (lastColon < 0 || !ipv4Valid(tail)) return false;
    // The dotted quad fills the last two groups; stand one placeholder group in for it.
    groups = 7;
    body = value.slice(0, lastColon + 1) + '0';
  }
  const halves = body.split('::');
  if (halves.length > 2) return false;
  const parse = (s: string): string[] | undefined => {
    if (s === '') return [];
    const g = s.split(':');
    return g.every((x) => /^[0-9A-Fa-f]{1,4}$/.test(x)) ? g : undefined;
  };
  const left = parse(halves[0] ?? '');
  const right = halves.length === 2 ? parse(halves[1] ?? '') : [];
  if (left === undefined || right === undefined) return false;
  const count = left.length + right.length;
  return halves.length === 2 ? count < groups : count === groups;
}
