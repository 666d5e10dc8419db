import { describe, expect, it } from 'vitest';
import { evidenceMediaType } from './evidence-file-types.js';

const b = (s: string | number[]) => (typeof s === 'string' ? Buffer.from(s) : Buffer.from(s));

describe('evidenceMediaType', () => {
  it('accepts each allowed type when the bytes match the name', () => {
    expect(evidenceMediaType('minutes.pdf', b('%PDF-1.7\n'))).toBe('application/pdf');
    expect(evidenceMediaType('screen.PNG', b([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
    expect(evidenceMediaType('photo.jpg', b([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(evidenceMediaType('roster.xlsx', b('PK\u0003\u0004rest'))).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(evidenceMediaType('list.csv', b('name,email\nMaya,maya@acme.ai\n'), 'application/octet-stream')).toBe('text/csv');
    expect(evidenceMediaType('notes.txt', b('Reviewed – all good ✓'), 'text/plain; charset=utf-8')).toBe('text/plain');
  });

  it('refuses unknown extensions, renamed files, binary text and a declared type that disagrees', () => {
    expect(() => evidenceMediaType('setup.exe', b('MZ'))).toThrow(expect.objectContaining({ code: 'INPUT_WRONG_FORMAT', hint: expect.stringContaining('pdf, png') }));
    expect(() => evidenceMediaType('README', b('text'))).toThrow(/without an extension/);
    expect(() => evidenceMediaType('minutes.pdf', b('PK\u0003\u0004'))).toThrow(/not a PDF file/);
    expect(() => evidenceMediaType('notes.txt', b([0x41, 0x00, 0x42, 0x43, 0x44, 0x45]))).toThrow(/not a TXT file/);
    expect(() => evidenceMediaType('minutes.pdf', b('%PDF-1.7'), 'text/html')).toThrow(/sent as text\/html/);
  });
});
