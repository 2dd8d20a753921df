/** MLLP block characters: <VT> message <FS><CR> (INTEGRATION.md §1.1). */
export const VT = 0x0b;
export const FS = 0x1c;
export const CR = 0x0d;

/** Wraps message bytes in one MLLP block. */
export function frame(message: string | Uint8Array): Buffer {
  const body = typeof message === 'string' ? Buffer.from(message, 'utf8') : Buffer.from(message);
  return Buffer.concat([Buffer.of(VT), body, Buffer.of(FS, CR)]);
}

export class FrameTooLargeError extends Error {
  constructor(limit: number) {
    super(`MLLP frame larger than ${limit} bytes`);
    this.name = 'FrameTooLargeError';
  }
}

/**
 * Splits a TCP byte stream into MLLP frames: several frames in one read, one frame over many reads (even inside a
 * UTF-8 character: frames stay bytes until complete). Bytes outside a block (noise, keep-alive newlines) are dropped.
 */
export class FrameDecoder {
  private chunks: Buffer[] = [];
  private size = 0;
  private readonly maxBytes: number;

  constructor(maxBytes = 10 * 1024 * 1024) {
    this.maxBytes = maxBytes;
  }

  /** Feeds one read; returns every frame now complete (their payload, without VT/FS/CR). */
  push(chunk: Buffer): Buffer[] {
    this.chunks.push(chunk);
    this.size += chunk.length;
    let buf = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.size);
    const frames: Buffer[] = [];
    for (;;) {
      const start = buf.indexOf(VT);
      if (start < 0) {
        buf = Buffer.alloc(0);
        break;
      }
      if (start > 0) buf = buf.subarray(start);
      let end = buf.indexOf(FS, 1);
      // an FS not (yet) followed by CR: wait for the next read; an FS followed by anything else is data
      while (end >= 0 && end + 1 < buf.length && buf[end + 1] !== CR) end = buf.indexOf(FS, end + 1);
      if (end < 0 || end + 1 >= buf.length) break;
      frames.push(Buffer.from(buf.subarray(1, end)));
      buf = buf.subarray(end + 2);
    }
    if (buf.length > this.maxBytes) {
      this.reset();
      throw new FrameTooLargeError(this.maxBytes);
    }
    this.chunks = buf.length ? [buf] : [];
    this.size = buf.length;
    return frames;
  }

  /** Bytes held for an unfinished frame. */
  get pending(): number {
    return this.size;
  }

  reset(): void {
    this.chunks = [];
    this.size = 0;
  }
}
