import { describe, expect, it } from 'vitest';
import { parseZnsCallback } from './webhook.ts';

const req = (body: unknown, headers: Record<string, string> = {}) => ({ headers, rawBody: JSON.stringify(body) });

describe('parseZnsCallback', () => {
  it('reads user_received_message with the tracking id, nested under message', () => {
    const r = parseZnsCallback(
      req({
        event_name: 'user_received_message',
        app_id: '1',
        sender: { id: '2' },
        recipient: { id: '84987654321' },
        message: { msg_id: 'a4e1b54cd2a15bfd03b2', delivery_time: '1626926405000', tracking_id: 'n-1' },
        timestamp: '1626926405123',
      }),
    );
    expect(r).toEqual([
      {
        channel: 'zns',
        providerMessageId: 'a4e1b54cd2a15bfd03b2',
        trackingId: 'n-1',
        state: 'delivered',
        at: new Date(1626926405000),
      },
    ]);
  });

  it('reads the flat variant seen in some write-ups', () => {
    const r = parseZnsCallback(
      req({ event_name: 'user_received_message', msg_id: 'abc', delivery_time: '1626926405000', timestamp: '1' }),
    );
    expect(r).toMatchObject([{ providerMessageId: 'abc', state: 'delivered' }]);
  });

  it('leaves OA consultation receipts and other ZNS events alone', () => {
    const oaReceipt = {
      event_name: 'user_received_message',
      sender: { id: '2' },
      recipient: { id: '4356127890123456702' },
      message: { msg_id: 'x' },
      timestamp: '1626926405123',
    };
    expect(parseZnsCallback(req(oaReceipt))).toEqual([]);
    expect(parseZnsCallback(req(oaReceipt, { 'x-zevent-server': 'ZNS' }))).toHaveLength(1);
    expect(parseZnsCallback(req({ event_name: 'change_template_status', template_id: '1' }))).toEqual([]);
    expect(parseZnsCallback({ headers: {}, rawBody: 'not json' })).toEqual([]);
  });
});
