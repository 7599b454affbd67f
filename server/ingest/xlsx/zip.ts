/**
 * The little of ZIP that an XLSX needs: the central directory, and each part inflated as a stream
 * that stops at a cap on what it inflates to, so a small file that would inflate to gigabytes (a
 * zip bomb) costs only the cap. Declared sizes are not trusted; bytes are counted as they come.
 */
import { createInflateRaw } from 'node:zlib';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  /** As the archive declares it: a first check only. */
  declaredSize: number;
  localHeaderOffset: number;
}

export class ZipFault extends Error {
  constructor(
    readonly code: 'file_unreadable' | 'inflated_too_large',
    readonly detail: string,
  ) {
    super(detail);
  }
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export function readDirectory(zip: Buffer): Map<string, ZipEntry> {
  // The end-of-central-directory record sits in the last 22 bytes + an optional comment (≤ 64 KiB).
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65_535); i--)
    if (zip.readUInt32LE(i) === EOCD) {
      end = i;
      break;
    }
  if (end < 0) throw new ZipFault('file_unreadable', 'not an XLSX (ZIP) file, or a truncated one');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries = new Map<string, ZipEntry>();
  for (let n = 0; n < count; n++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL) throw new ZipFault('file_unreadable', 'the ZIP directory is damaged');
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    entries.set(name, {
      name,
      method: zip.readUInt16LE(at + 10),
      compressedSize: zip.readUInt32LE(at + 20),
      declaredSize: zip.readUInt32LE(at + 24),
      localHeaderOffset: zip.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function compressedBytes(zip: Buffer, entry: ZipEntry): Buffer {
  const at = entry.localHeaderOffset;
  if (at + 30 > zip.length || zip.readUInt32LE(at) !== LOCAL) throw new ZipFault('file_unreadable', `the part ${entry.name} is damaged`);
  const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
  if (start + entry.compressedSize > zip.length) throw new ZipFault('file_unreadable', `the part ${entry.name} is truncated`);
  return zip.subarray(start, start + entry.compressedSize);
}

/**
 * Streams a part's inflated bytes to `onChunk` until it ends, `onChunk` returns false (the reader
 * has what it needs), or more than `maxBytes` come out (a ZipFault naming the cap).
 */
export async function streamEntry(zip: Buffer, entry: ZipEntry, maxBytes: number, onChunk: (chunk: Buffer) => boolean): Promise<void> {
  const tooLarge = () => new ZipFault('inflated_too_large', entry.name);
  if (entry.declaredSize > maxBytes) throw tooLarge();
  const data = compressedBytes(zip, entry);
  if (entry.method === 0) {
    if (data.length > maxBytes) throw tooLarge();
    onChunk(data);
    return;
  }
  if (entry.method !== 8) throw new ZipFault('file_unreadable', `${entry.name} uses an unsupported compression (${entry.method})`);
  await new Promise<void>((resolve, reject) => {
    const inflate = createInflateRaw({ chunkSize: 256 * 1024 });
    let seen = 0;
    let done = false;
    const finish = (err?: Error) => {
      if (done) return;
      done = true;
      inflate.destroy();
      if (err) reject(err);
      else resolve();
    };
    inflate.on('data', (chunk: Buffer) => {
      if (done) return;
      seen += chunk.length;
      if (seen > maxBytes) return finish(tooLarge());
      // The inflater yields between chunks, so other requests are served while a large sheet is read.
      try {
        if (!onChunk(chunk)) finish();
      } catch (err) {
        finish(err as Error);
      }
    });
    inflate.on('end', () => finish());
    inflate.on('error', (err) => finish(new ZipFault('file_unreadable', `${entry.name}: ${err.message}`)));
    inflate.end(data);
  });
}
