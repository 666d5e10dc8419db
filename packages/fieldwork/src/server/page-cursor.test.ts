import { describe, expect, it } from 'vitest';
import { nextUrlOf } from './page-cursor.js';

// What nextUrlOf wrote before it edited plain queries as strings.
function throughUrl(requestUrl: string, cursor: string): string {
  const url = new URL(requestUrl);
  url.searchParams.delete('after');
  url.searchParams.set('cursor', cursor);
  return `${url.pathname}${url.search}`;
}

describe('nextUrlOf', () => {
  it('writes what URLSearchParams writes, for plain and for encoded queries', () => {
    const cursor = 'WyJsZWRnZXIiLDVd';
    const urls = [
      'http://127.0.0.1/api/ledger', 'http://127.0.0.1/api/ledger?', 'http://127.0.0.1:8080/api/ledger?limit=5',
      'http://h/api/ledger?limit=5&cursor=old', 'http://h/api/ledger?cursor=a&limit=5&cursor=b', 'http://h/api/ledger?after=3&limit=2',
      'http://h/api/ledger?limit=5&after=1&after=2', 'http://h/api/ledger?x=&limit=1', 'http://h/api/ledger?x&limit=1', 'http://h/api/ledger?a=b=c',
      'http://h/api/ledger?li%6Dit=4&x=a+b', 'http://h/api/ledger?limit=5&&y=1', 'http://h/api/check/latest/exceptions?control=ACC-01&limit=2',
      'http://h/api/ledger?limit=5#frag', 'http://h/a%20b?limit=1', 'http://h/api/ledger?x=%E2%9C%93',
    ];
    for (const u of urls) expect(nextUrlOf(u, cursor), u).toBe(throughUrl(u, cursor));
  });
});
