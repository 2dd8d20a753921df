import { describe, expect, it } from 'vitest';
import { FrameDecoder, FrameTooLargeError, frame } from './framing.ts';

const text = (frames: Buffer[]) => frames.map((f) => f.toString('utf8'));

describe('MLLP framing', () => {
  it('splits several frames that arrive in one read', () => {
    const d = new FrameDecoder();
    expect(text(d.push(Buffer.concat([frame('MSH|1'), frame('MSH|2'), frame('MSH|3')])))).toEqual([
      'MSH|1',
      'MSH|2',
      'MSH|3',
    ]);
    expect(d.pending).toBe(0);
  });

  it('joins one frame spread over many reads, even inside a UTF-8 character', () => {
    const d = new FrameDecoder();
    const bytes = frame('MSH|Nguyễn Văn An');
    const out: Buffer[] = [];
    for (let i = 0; i < bytes.length; i++) out.push(...d.push(bytes.subarray(i, i + 1)));
    expect(text(out)).toEqual(['MSH|Nguyễn Văn An']);
  });

  it('waits when FS arrives without its CR, and treats a lone FS inside data as data', () => {
    const d = new FrameDecoder();
    const bytes = frame('MSH|A');
    expect(d.push(bytes.subarray(0, bytes.length - 1))).toEqual([]);
    expect(text(d.push(bytes.subarray(bytes.length - 1)))).toEqual(['MSH|A']);
    const odd = Buffer.concat([
      Buffer.of(0x0b),
      Buffer.from('MSH|x'),
      Buffer.of(0x1c),
      Buffer.from('y'),
      Buffer.of(0x1c, 0x0d),
    ]);
    expect(d.push(odd).map((f) => f.length)).toEqual([7]);
  });

  it('drops bytes outside blocks and keeps a partial frame after a complete one', () => {
    const d = new FrameDecoder();
    const second = frame('MSH|2');
    const out = d.push(Buffer.concat([Buffer.from('\r\n'), frame('MSH|1'), second.subarray(0, 3)]));
    expect(text(out)).toEqual(['MSH|1']);
    expect(text(d.push(second.subarray(3)))).toEqual(['MSH|2']);
  });

  it('refuses a frame past the size limit', () => {
    const d = new FrameDecoder(16);
    expect(() => d.push(Buffer.concat([Buffer.of(0x0b), Buffer.alloc(32, 0x41)]))).toThrow(FrameTooLargeError);
    expect(d.pending).toBe(0);
  });
});
