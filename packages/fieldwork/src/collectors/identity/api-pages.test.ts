import { describe, expect, it } from 'vitest';
import { retryDelay } from './api-pages.js';

const res = (headers: Record<string, string>) => new Response(null, { status: 429, headers });
const NOW = Date.parse('2026-06-30T12:00:00Z');

describe('retryDelay', () => {
  it('reads Retry-After in seconds or as an HTTP date, then Okta\'s x-rate-limit-reset, then backs off', () => {
    expect(retryDelay(res({ 'retry-after': '7' }), 1, NOW)).toBe(7000);
    expect(retryDelay(res({ 'retry-after': 'Tue, 30 Jun 2026 12:00:30 GMT' }), 1, NOW)).toBe(30_000);
    expect(retryDelay(res({ 'x-rate-limit-reset': String(NOW / 1000 + 12) }), 1, NOW)).toBe(12_000);
    expect(retryDelay(res({}), 3, NOW)).toBe(8000);
    // A reset already past means go now.
    expect(retryDelay(res({ 'x-rate-limit-reset': String(NOW / 1000 - 5) }), 1, NOW)).toBe(0);
  });
});
