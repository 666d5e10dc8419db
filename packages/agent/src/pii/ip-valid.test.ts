import { describe, expect, it } from 'vitest';
import { ipv4Valid, ipv6Valid } from './ip-valid.js';

describe('ipv4Valid', () => {
  it.each(['0.0.0.0', '8.8.8.8', '192.168.1.254', '255.255.255.255'])('accepts %s', (ip) => expect(ipv4Valid(ip)).toBe(true));
  it.each(['256.1.1.1', '1.2.3', '1.2.3.4.5', '01.2.3.4', '1.2.3.-4', 'a.b.c.d'])('rejects %s', (ip) =>
    expect(ipv4Valid(ip)).toBe(false),
  );
});

describe('ipv6Valid', () => {
  it.each([
    '2001:0db8:85a3:0000:0000:8a2e:0370:7334',
    '2001:db8:85a3::8a2e:370:7334',
    'fe80::1',
    '::1',
    '::',
    '::ffff:192.0.2.128',
    'd80:e4b5:79da:6cf6:71f3:51f7:9161:c319',
  ])('accepts %s', (ip) => expect(ipv6Valid(ip)).toBe(true));

  it.each(['12:30:45', '2001:db8::1::2', '2001:db8:85a3:0:0:8a2e:370', '1:2:3:4:5:6:7:8:9', 'gggg::1', '00:1A:2B:3C:4D:5E', '::ffff:999.0.2.1'])(
    'rejects %s',
    (ip) => expect(ipv6Valid(ip)).toBe(false),
  );
});
