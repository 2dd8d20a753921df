import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, maskPhone } from './logger.ts';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { lines, stream };
}

describe('logger', () => {
  it('never prints phones, emails, names or tokens, however deep they sit', () => {
    const { lines, stream } = capture();
    const log = createLogger({ level: 'info', destination: stream });
    log.info(
      {
        phone: '84912345678',
        contact: { fullName: 'Nguyễn Văn An', email: 'an@example.vn', phones: ['84912345678'] },
        req: { headers: { authorization: 'Bearer abc.def', cookie: 'medicrm_session=xyz' } },
        accessToken: 'zalo-token-123',
        conversationId: 'c-1',
      },
      'event',
    );
    const out = lines.join('');
    for (const secret of ['84912345678', 'Nguyễn', 'an@example.vn', 'abc.def', 'xyz', 'zalo-token-123']) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain('c-1');
  });

  it('masks a phone keeping only a few digits', () => {
    expect(maskPhone('84912345678')).toBe('8491*****78');
  });
});
