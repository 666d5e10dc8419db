/**
 * Where to send a browser after sign-in: `next` when it is a path on this server, else `/`.
 *
 * Browsers strip tabs and newlines from a URL and treat `\` as `/`, so `/\t/evil.example`,
 * `/\evil.example` and `//evil.example` all lead to another host. Only a `/` followed by
 * something other than `/` or `\`, with no control character anywhere, is kept; spaces and
 * characters beyond ASCII are percent-encoded so the value is always a valid Location header.
 * The value is checked as received (query and form values arrive decoded).
 *
 * @example
 * safeNext('/controls/HR-05') // '/controls/HR-05'
 * safeNext('/\t/evil.example') // '/'
 */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || next.length > 2048) return '/';
  if (!/^\/(?![/\\])/.test(next) || /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(next)) return '/';
  return next.replace(/[^\u0021-\u007e]+/g, (s) => encodeURIComponent(s));
}
