import { describe, expect, it } from 'vitest';
import { detectPii } from './detect-pii.js';
import type { PiiFinding, PiiType } from './pii-type.js';

/** The values found in a text, as [type, value] pairs (tests may look at values; the API never returns them). */
function found(text: string, types?: PiiType[]): Array<[PiiType, string]> {
  return detectPii(text, types === undefined ? {} : { types }).map((f) => [f.type, text.slice(f.start, f.end)]);
}

function only(text: string, type: PiiType): PiiFinding | undefined {
  const all = detectPii(text).filter((f) => f.type === type);
  expect(all.length).toBeLessThanOrEqual(1);
  return all[0];
}

// Built at run time so that secret scanners do not flag this file; none of these are real keys.
const fake = {
  openai: 'sk-' + 'proj-' + 'Ab3dE5gH7jK9mN1pQ3sT5vX7zA9cE1gI3kM5oQ7sU9wY1'.repeat(2),
  openaiLegacy: 'sk-' + 'T3BlbkFJ' + 'aB1cD2eF3gH4iJ5kL6mN7oP8qR9sT0uV1wX2yZ3aB4c',
  anthropic: 'sk-ant-' + 'api03-' + 'Xy9_Zw8-Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0Fe9Dc8Ba7'.repeat(2) + 'AA',
  aws: 'AKIA' + 'IOSFODNN7EXAMPLE',
  awsTemp: 'ASIA' + 'Y34FZKBOKMUTVV7A',
  google: 'AIza' + 'SyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY',
  github: 'ghp_' + 'a1B2c3D4'.repeat(4) + 'e5F6',
  githubPat: 'github_pat_' + '11ABCDEFG0' + 'x'.repeat(12) + '_' + 'Zy9'.repeat(20),
  slack: 'xoxb-' + '1234567890-1234567890123-' + 'AbCdEfGhIjKlMnOpQrStUvWx',
  stripe: 'sk_' + 'live_' + '4eC39HqLyjWDarjtT1zdp7dc',
  jwt: ['eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9', 'eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0', 'dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'].join('.'),
  pem: ['-----BEGIN ' + 'RSA PRIVATE KEY-----', 'MIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu', 'KUpRKfFLfRYC9AIKjbJTWit+CqvjWYzvQwECAwEAAQ==', '-----END ' + 'RSA PRIVATE KEY-----'].join('\n'),
};

describe('detectPii', () => {
  it('returns sorted, non-overlapping findings without any value field', () => {
    const text = 'ada@example.com called +44 20 7946 0958 about card 4111 1111 1111 1111';
    const findings = detectPii(text);
    expect(findings.map((f) => f.type)).toEqual(['email', 'phone', 'credit_card']);
    for (const f of findings) expect(Object.keys(f).sort()).toEqual(['confidence', 'end', 'start', 'type', 'validated']);
    for (let i = 1; i < findings.length; i++) expect(findings[i]!.start).toBeGreaterThanOrEqual(findings[i - 1]!.end);
  });

  it('limits detection to the requested types and confidence', () => {
    const text = 'ada@example.com from 10.1.2.3';
    expect(found(text, ['ip_address'])).toEqual([['ip_address', '10.1.2.3']]);
    expect(detectPii('reference 536-22-8726', { minConfidence: 'medium' })).toEqual([]);
  });

  it('rejects unknown types loudly', () => {
    expect(() => detectPii('x', { types: ['name' as PiiType] })).toThrow(TypeError);
  });

  describe('email', () => {
    it.each(['ada@example.com', 'first.last+tag@mail.example.co.uk', 'o_k-1%x@sub-domain.io'])('finds %s', (email) => {
      expect(found(`write to ${email}, thanks`)).toEqual([['email', email]]);
    });
    it.each(['user@localhost', 'a@b.c', 'not an @ sign', 'x@-bad-.com', '@handle', 'me@example.'])('ignores %j', (text) =>
      expect(found(text, ['email'])).toEqual([]),
    );
  });

  describe('credit_card', () => {
    it('validates Luhn plus a known brand', () => {
      for (const card of ['4111111111111111', '4111 1111 1111 1111', '5555-5555-5555-4444', '3782 822463 10005']) {
        const f = only(`card: ${card}.`, 'credit_card');
        expect(f).toMatchObject({ validated: true, confidence: 'high' });
      }
    });
    it('ignores numbers that fail Luhn', () => {
      expect(found('card 4111 1111 1111 1112', ['credit_card'])).toEqual([]);
    });
    it('reports Luhn-valid numbers of no known brand as unvalidated and low confidence, next to a card word only', () => {
      expect(only('card ref 1234567890123452', 'credit_card')).toMatchObject({ validated: false, confidence: 'low' });
      expect(found('ref 1234567890123452', ['credit_card'])).toEqual([]);
    });
    it('finds 12-digit Maestro numbers next to a card word, not bare 12- or 13-digit numbers', () => {
      expect(found('my Maestro card 501800000009', ['credit_card'])).toEqual([['credit_card', '501800000009']]);
      expect(found('order 501800000009 shipped', ['credit_card'])).toEqual([]);
      expect(found('EAN 4006381333931 and ts=1701234567891', ['credit_card'])).toEqual([]);
    });
    it('never reads a card inside a longer grouped run, and lets a valid IBAN win over a card inside it', () => {
      expect(found('tracking 4111 1111 1111 1111 2222', ['credit_card'])).toEqual([]);
      expect(found('card 4111 1111 1111 1111, thanks', ['credit_card'])).toEqual([['credit_card', '4111 1111 1111 1111']]);
      expect(found('IBAN NO83 3000 1234 5678 9012 3', ['credit_card', 'iban']).map(([t]) => t)).not.toContain('credit_card');
    });
    it('ignores odd grouping, mixed separators and longer digit runs', () => {
      expect(found('4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1', ['credit_card'])).toEqual([]);
      expect(found('4111-1111 1111-1111', ['credit_card'])).toEqual([]);
      expect(found('id 41111111111111110000', ['credit_card'])).toEqual([]);
      expect(found('"risk": 96.25000000000001', ['credit_card'])).toEqual([]);
    });
    it('finds cards in CSV rows', () => {
      expect(found('ada,4111111111111111,12/27', ['credit_card'])).toEqual([['credit_card', '4111111111111111']]);
    });
  });

  describe('us_ssn', () => {
    it('validates with context', () => {
      expect(only('My SSN is 536-22-8726', 'us_ssn')).toMatchObject({ validated: true, confidence: 'high' });
      expect(only('social security number: 536228726', 'us_ssn')).toMatchObject({ validated: true, confidence: 'medium' });
    });
    it('reports a dashed number without context as low confidence only', () => {
      expect(only('reference 536-22-8726', 'us_ssn')).toMatchObject({ validated: false, confidence: 'low' });
      expect(found('reference 536228726', ['us_ssn'])).toEqual([]);
    });
    it.each(['078-05-1120', '666-22-8726', '900-22-8726', '536-00-8726', '536-22-0000'])('never reports %s', (ssn) =>
      expect(found(`SSN: ${ssn}`, ['us_ssn'])).toEqual([]),
    );
  });

  describe('iban', () => {
    it.each(['DE89370400440532013000', 'DE89 3704 0044 0532 0130 00', 'gb82west12345698765432'])('finds %s', (iban) => {
      expect(found(`IBAN ${iban} please`)).toEqual([['iban', iban]]);
    });
    it('rejects a checksum off by one digit', () => {
      expect(found('IBAN DE89370400440532013001', ['iban'])).toEqual([]);
    });
    it('stops at the registered length even when more groups follow', () => {
      expect(found('IBAN DE89 3704 0044 0532 0130 00 1234', ['iban'])).toEqual([['iban', 'DE89 3704 0044 0532 0130 00']]);
    });
  });

  describe('ip_address', () => {
    it.each(['8.8.8.8', '203.0.113.9', '2001:db8:85a3::8a2e:370:7334', '4f8a:c99e:dc86:faf9:5988:5f63:375e:8a2a'])(
      'finds %s',
      (ip) => expect(found(`from ${ip}.`)).toEqual([['ip_address', ip]]),
    );
    it('grades private and loopback addresses lower', () => {
      expect(only('host 10.0.0.7', 'ip_address')?.confidence).toBe('medium');
      expect(only('host 127.0.0.1', 'ip_address')?.confidence).toBe('low');
      expect(only('host 93.184.216.34', 'ip_address')?.confidence).toBe('high');
    });
    it.each(['256.1.1.1', '1.2.3.4.5', '10.0.0', '12:30:45', '00:1A:2B:3C:4D:5E', 'std::vector'])('ignores %s', (text) =>
      expect(found(text, ['ip_address'])).toEqual([]),
    );
    it('takes a dotted quad after "version" or "v" for a version, but not a bare one', () => {
      expect(found('version 1.2.3.4', ['ip_address'])).toEqual([]);
      expect(found('v1.2.3.4', ['ip_address'])).toEqual([]);
      expect(found('build 10.0.19041.1', ['ip_address'])).toEqual([]);
      expect(found('{"version": "1.2.3.4"}', ['ip_address'])).toEqual([]);
      expect(found('upgrade to version 2.6.7.4, 2.9.10.7 or 2.10.5.1', ['ip_address'])).toEqual([]);
      expect(found('"bom-ref": "laravel/framework-7.30.6.0"', ['ip_address'])).toEqual([]);
      expect(found('upgrade to 1.2.3.4', ['ip_address'])).toEqual([['ip_address', '1.2.3.4']]);
      expect(found('upgraded the agent to 2.11.26.230', ['ip_address'])).toEqual([]);
    });
  });

  describe('phone', () => {
    it.each([
      ['+1 415 555 0132', true],
      ['+44 20 7946 0958', true],
      ['+4915112345678', true],
      ['(415) 555-0132', true],
      ['415-555-0132', true],
      ['1-800-555-0199', true],
      ['(978)645-9740x11144', true],
      ['001-748-088-2851', false],
      ['(85) 5986-8343', false],
    ])('finds %s without context (validated: %s)', (phone, validated) => {
      expect(found(`number ${phone} ok`)).toEqual([['phone', phone]]);
      expect(only(`number ${phone} ok`, 'phone')?.validated).toBe(validated);
    });
    it('needs a context word for other national formats and bare digits', () => {
      expect(found('ref 06-10446904', ['phone'])).toEqual([]);
      expect(found('call me on 06-10446904', ['phone'])).toEqual([['phone', '06-10446904']]);
      expect(found('089 72 63 41 office', ['phone'])).toEqual([['phone', '089 72 63 41']]);
      expect(found('order 4155550132', ['phone'])).toEqual([]);
      expect(found('mobile: 4155550132', ['phone'])).toEqual([['phone', '4155550132']]);
    });
    it.each([
      'on 2024-01-31 at noon',
      'on 31.01.2024 at noon',
      'phone 12/31/2024',
      'call 1.2.3.4',
      'pi is 3.14159265',
      'phone 536-22-8726',
      'version 10.0.19041.1',
      'call 555 12',
      'at 2024-01-31 12:30:45',
    ])('does not take %j for a phone number', (text) => expect(found(text, ['phone'])).toEqual([]));
    it('lets a card number win over a phone reading of the same digits', () => {
      expect(found('call 4111 1111 1111 1111')).toEqual([['credit_card', '4111 1111 1111 1111']]);
    });
  });

  describe('api_key', () => {
    it.each(Object.entries(fake))('finds the %s format', (_name, key) => {
      expect(found(`key=${key}\nnext line`)).toEqual([['api_key', key]]);
    });
    it('finds a PEM header even without its footer', () => {
      const text = `${fake.pem.split('\n').slice(0, 2).join('\n')}\n`;
      const [f] = detectPii(text);
      expect(f?.type).toBe('api_key');
      expect(f?.start).toBe(0);
    });
    it.each([
      'sk-learn-compatible-estimators-and-transformers',
      'task-' + 'A'.repeat(40),
      'AKIA' + 'short',
      'eyJ' + 'notreallyajwt.eyJ' + 'alsonotvalid.sig',
      'xAKIA' + 'IOSFODNN7EXAMPLE',
      'sk_test_' + '4eC39HqLyjWDarjtT1zdp7dc',
    ])('ignores %j', (text) => expect(found(text, ['api_key'])).toEqual([]));
  });

  describe('date_of_birth', () => {
    it.each([
      ['born on 2/7/1961.', '2/7/1961'],
      ['DOB: 1984-07-31', '1984-07-31'],
      ['date of birth 31.12.1975', '31.12.1975'],
      ['was born 3 March 1990 in Oslo', '3 March 1990'],
      ['birthday: July 4th, 1976', 'July 4th, 1976'],
    ])('finds %j', (text, date) => expect(found(text)).toEqual([['date_of_birth', date]]));
    it.each(['meeting on 2/7/1961', 'born on 13/13/1961', 'DOB: 1984-13-01', 'born in 1961'])('ignores %j', (text) =>
      expect(found(text, ['date_of_birth'])).toEqual([]),
    );
    it('reads each form\'s day, month and year from its own groups', () => {
      const dob = (text: string) => detectPii(text, { types: ['date_of_birth'] }).map((f) => [text.slice(f.start, f.end), f.confidence]);
      expect(dob('born on 2/7/61')).toEqual([['2/7/61', 'medium']]);
      expect(dob('born on 31/12/1961 and 12/31/1961')).toEqual([['31/12/1961', 'high']]);
      expect(dob('born on 2/7/1861')).toEqual([]);
      expect(dob('DOB: 1984-02-29')).toEqual([['1984-02-29', 'high']]);
      expect(dob('DOB: 1984-02-30')).toEqual([]);
      expect(dob('DOB: 1984-31-01')).toEqual([]);
      expect(dob('born 31 December 1990')).toEqual([['31 December 1990', 'high']]);
      expect(dob('born 31 November 1990')).toEqual([]);
      expect(dob('born 12 Sep, 2099')).toEqual([['12 Sep, 2099', 'high']]);
      expect(dob('born 12 Sep, 2100')).toEqual([]);
      expect(dob('birthday: December 31st, 1976')).toEqual([['December 31st, 1976', 'high']]);
      expect(dob('birthday: November 31st, 1976')).toEqual([]);
      expect(dob('birthday: Feb 29, 1877')).toEqual([]);
    });
  });
});
