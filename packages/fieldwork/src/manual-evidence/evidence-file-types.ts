/** @module The file types accepted as manual evidence, checked by name and by content. */
import { FieldworkError } from '@fieldwork/core';

/** Media type by file extension: documents, images, tables and text an auditor can open. */
export const EVIDENCE_MEDIA_TYPES: Readonly<Record<string, string>> = Object.freeze({
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  csv: 'text/csv',
  txt: 'text/plain',
  md: 'text/markdown',
  json: 'application/json',
  eml: 'message/rfc822',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
});

/** The largest evidence file by default: 25 MB (`evidence.maxFileBytes` in fieldwork.yaml changes it). */
export const DEFAULT_MAX_EVIDENCE_BYTES = 25 * 1024 * 1024;

const TEXT = new Set(['text/csv', 'text/plain', 'text/markdown', 'application/json', 'message/rfc822']);
const OOXML = new Set([EVIDENCE_MEDIA_TYPES.xlsx, EVIDENCE_MEDIA_TYPES.docx, EVIDENCE_MEDIA_TYPES.pptx]);

function startsWith(head: Uint8Array, bytes: number[]): boolean {
  return bytes.every((b, i) => head[i] === b);
}

/** True when the first bytes are what the media type's files start with (text: UTF-8 without NUL bytes). */
function contentMatches(mediaType: string, head: Uint8Array): boolean {
  if (mediaType === 'application/pdf') return startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d]); // %PDF-
  if (mediaType === 'image/png') return startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (mediaType === 'image/jpeg') return startsWith(head, [0xff, 0xd8, 0xff]);
  if (OOXML.has(mediaType)) return startsWith(head, [0x50, 0x4b, 0x03, 0x04]); // a zip container
  if (TEXT.has(mediaType)) {
    if (head.includes(0)) return false;
    try {
      // A multi-byte character cut at the end of the sniffed bytes is not an error.
      new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, Math.max(0, head.length - 3)));
      return true;
    } catch {
      return false;
    }
  }
  return false;
}

/**
 * The media type of an evidence file, from its name's extension, after checking that its first
 * bytes are that kind of file and that a declared type (an upload's Content-Type) agrees. A
 * `FieldworkError` (INPUT_WRONG_FORMAT) names the file and the accepted types otherwise.
 *
 * @example evidenceMediaType('minutes.pdf', Buffer.from('%PDF-1.7 …')) // 'application/pdf'
 */
export function evidenceMediaType(name: string, head: Uint8Array, declared?: string): string {
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
  const mediaType = EVIDENCE_MEDIA_TYPES[ext];
  const accepted = Object.keys(EVIDENCE_MEDIA_TYPES).join(', ');
  if (!mediaType) {
    throw new FieldworkError('INPUT_WRONG_FORMAT', `${name}: ${ext ? `.${ext} files are` : 'a file without an extension is'} not accepted as evidence.`, { where: { file: name }, hint: `Accepted: ${accepted}. Export or print the evidence to one of these (a PDF or a screenshot).` });
  }
  const d = declared?.split(';')[0].trim().toLowerCase();
  // Browsers send octet-stream for types they do not know (csv, md on some systems): the content decides then.
  if (d && d !== 'application/octet-stream' && d !== mediaType && !(TEXT.has(mediaType) && d.startsWith('text/'))) {
    throw new FieldworkError('INPUT_WRONG_FORMAT', `${name}: sent as ${d}, but a .${ext} file is ${mediaType}.`, { where: { file: name }, hint: 'Upload the file as it is, with its own extension.' });
  }
  if (!contentMatches(mediaType, head)) {
    throw new FieldworkError('INPUT_WRONG_FORMAT', `${name}: the content is not a ${ext.toUpperCase()} file (its first bytes do not match).`, { where: { file: name }, hint: 'Upload the original file; a renamed file of another type is refused.' });
  }
  return mediaType;
}
