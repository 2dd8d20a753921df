import { describe, expect, it } from 'vitest';
import { classifySmtpError } from './errors.ts';
import { emailEnvelope, mimeToRaw, parseEmail, rawToMime } from './webhook.ts';

const inbox = 'cskh@demo.medicrm.vn';
const mail = [
  'From: =?UTF-8?Q?Nguy=E1=BB=85n_Lan?= <Lan.Nguyen@Example.VN>',
  `To: ${inbox}`,
  'Subject: =?UTF-8?B?SOG7j2kgbOG7i2NoIGtow6Ft?=',
  'Message-ID: <abc123@example.vn>',
  'In-Reply-To: <reply-1@demo.medicrm.vn>',
  'References: <first@demo.medicrm.vn> <reply-1@demo.medicrm.vn>',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="b"',
  '',
  '--b',
  'Content-Type: text/plain; charset=utf-8',
  'Content-Transfer-Encoding: 8bit',
  '',
  'Tôi muốn đổi lịch sang thứ Hai.',
  '--b',
  'Content-Type: application/pdf; name="don-thuoc.pdf"',
  'Content-Disposition: attachment; filename="don-thuoc.pdf"',
  'Content-Transfer-Encoding: base64',
  '',
  Buffer.from('%PDF-1.4 thuốc').toString('base64'),
  '--b--',
  '',
].join('\r\n');

describe('email intake', () => {
  it('keeps raw bytes losslessly, UTF-8 when valid and latin1 otherwise', () => {
    const utf8 = Buffer.from(mail, 'utf8');
    expect(rawToMime(mimeToRaw(utf8)).equals(utf8)).toBe(true);
    const binary = Buffer.concat([Buffer.from('Subject: x\r\n\r\n'), Buffer.from([0xff, 0xfe, 0x80])]);
    const raw = mimeToRaw(binary);
    expect(raw.headers['x-medicrm-encoding']).toBe('latin1');
    expect(rawToMime(raw).equals(binary)).toBe(true);
  });

  it('parses sender, subject, text, threading and attachments', async () => {
    const req = mimeToRaw(Buffer.from(mail, 'utf8'));
    expect(emailEnvelope(req)).toEqual({ dedupeKey: 'mid:abc123@example.vn', eventType: 'email' });
    const [e] = await parseEmail(req, inbox);
    expect(e).toMatchObject({
      type: 'message',
      providerMessageId: 'abc123@example.vn',
      person: { externalId: 'lan.nguyen@example.vn', displayName: 'Nguyễn Lan' },
      text: 'Tôi muốn đổi lịch sang thứ Hai.',
      email: {
        subject: 'Hỏi lịch khám',
        inReplyTo: 'reply-1@demo.medicrm.vn',
        references: ['first@demo.medicrm.vn', 'reply-1@demo.medicrm.vn'],
      },
      attachments: [{ kind: 'file', name: 'don-thuoc.pdf', mimeType: 'application/pdf' }],
    });
    expect(e?.type === 'message' && e.attachments[0]!.content!.toString()).toBe('%PDF-1.4 thuốc');
  });

  it('turns a delivery-status report into delivered / failed for our message', async () => {
    const report = (action: string, status: string) =>
      mimeToRaw(
        Buffer.from(
          [
            'From: Mail Delivery System <mailer-daemon@mx.example.vn>',
            `To: ${inbox}`,
            'Subject: Delivery Status Notification',
            'Message-ID: <dsn-1@mx.example.vn>',
            'MIME-Version: 1.0',
            'Content-Type: multipart/report; report-type=delivery-status; boundary="r"',
            '',
            '--r',
            'Content-Type: text/plain',
            '',
            'Report',
            '--r',
            'Content-Type: message/delivery-status',
            '',
            'Reporting-MTA: dns; mx.example.vn',
            'Original-Envelope-Id: out-42@demo.medicrm.vn',
            '',
            'Final-Recipient: rfc822; lan@example.vn',
            `Action: ${action}`,
            `Status: ${status}`,
            '',
            '--r--',
            '',
          ].join('\r\n'),
        ),
      );
    expect(emailEnvelope(report('delivered', '2.0.0'))?.eventType).toBe('delivery_report');
    expect(await parseEmail(report('delivered', '2.0.0'), inbox)).toMatchObject([
      { type: 'delivered', providerMessageIds: ['out-42@demo.medicrm.vn'] },
    ]);
    expect(await parseEmail(report('failed', '5.1.1'), inbox)).toMatchObject([
      { type: 'failed', code: '5.1.1', providerMessageIds: ['out-42@demo.medicrm.vn'] },
    ]);
  });

  it('refuses what is not a mail at all', () => {
    expect(emailEnvelope({ headers: {}, rawBody: 'not a mail' })).toBeNull();
  });

  it('classifies SMTP answers (RFC 3463)', () => {
    expect(classifySmtpError({ responseCode: 550, response: '550 5.1.1 no such user' }).name).toBe('PermanentError');
    expect(classifySmtpError({ responseCode: 421, response: '421 4.7.0 Too many messages' }).name).toBe(
      'RateLimitError',
    );
    expect(classifySmtpError({ responseCode: 451, response: '451 4.3.0 Try later' }).name).toBe('TransientError');
    expect(classifySmtpError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }).name).toBe('TransientError');
  });
});
