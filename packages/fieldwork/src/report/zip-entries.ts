import { inflateRawSync } from 'node:zlib';

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

interface CentralEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  /** Offset of the central directory record. */
  central: number;
  /** Offset of the local file header. */
  local: number;
}

function centralEntries(zip: Buffer): CentralEntry[] {
  // The end-of-central-directory record sits in the last 22 + 65535 (comment) bytes.
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file: no end of central directory');
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  const out: CentralEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(p) !== CENTRAL) throw new Error(`bad central directory record at ${p}`);
    const nameLen = zip.readUInt16LE(p + 28);
    const extraLen = zip.readUInt16LE(p + 30);
    const commentLen = zip.readUInt16LE(p + 32);
    out.push({
      name: zip.toString('utf8', p + 46, p + 46 + nameLen), method: zip.readUInt16LE(p + 10),
      compressedSize: zip.readUInt32LE(p + 20), size: zip.readUInt32LE(p + 24), central: p, local: zip.readUInt32LE(p + 42),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/**
 * Reads every entry of a zip (stored or deflated, no zip64) into memory. Small on purpose:
 * tests and scripts use it to re-hash an auditor package against its manifest.
 */
export function readZipEntries(zip: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const e of centralEntries(zip)) {
    if (zip.readUInt32LE(e.local) !== LOCAL) throw new Error(`bad local header for ${e.name}`);
    const start = e.local + 30 + zip.readUInt16LE(e.local + 26) + zip.readUInt16LE(e.local + 28);
    const raw = zip.subarray(start, start + e.compressedSize);
    const data = e.method === 0 ? Buffer.from(raw) : e.method === 8 ? inflateRawSync(raw) : undefined;
    if (!data) throw new Error(`${e.name}: unsupported compression method ${e.method}`);
    if (data.length !== e.size) throw new Error(`${e.name}: expected ${e.size} bytes, got ${data.length}`);
    files.set(e.name, data);
  }
  return files;
}

/**
 * Sets every entry's MS-DOS modification time to `date` (its local calendar fields), in place.
 * Zip writers such as the one inside exceljs stamp the current time; a fixed time makes the
 * same content give the same bytes.
 */
export function setZipTimes(zip: Buffer, date: Date): Buffer {
  const time = (date.getHours() << 11) | (date.getMinutes() << 5) | Math.floor(date.getSeconds() / 2);
  const day = ((date.getFullYear() - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate();
  for (const e of centralEntries(zip)) {
    zip.writeUInt16LE(time, e.central + 12);
    zip.writeUInt16LE(day, e.central + 14);
    zip.writeUInt16LE(time, e.local + 10);
    zip.writeUInt16LE(day, e.local + 12);
  }
  return zip;
}
