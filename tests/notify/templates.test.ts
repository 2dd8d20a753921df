import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../hub/config.ts';
import { notifySettings } from '../../hub/notify/index.ts';
import { prepare } from '../../hub/notify/render-notification.ts';
import {
  builtInTemplates,
  loadTemplates,
  notificationTypes,
  renderChannel,
  type TemplateDefinition,
  TemplateError,
  templateChannels,
} from '../../templates/index.ts';

const settings = notifySettings(loadConfig({ NODE_ENV: 'test', CLINIC_NAME: 'Phòng khám Đa khoa An Bình' }));
const byKey = (k: string) => builtInTemplates.find((t) => t.key === k)!;
const sample = (t: TemplateDefinition) => t.sample as Record<string, string>;

describe('templates', () => {
  it('has one template per notification type, each rendering on every channel of its plan in NFC', () => {
    const registry = loadTemplates();
    expect([...registry.keys()].sort()).toEqual([...notificationTypes].sort());
    for (const t of registry.values()) {
      for (const ch of t.plan) {
        const r = renderChannel(t, ch, sample(t), { clinicName: 'Phòng khám', unsubscribeUrl: 'https://x.vn/u/1' });
        expect(r, `${t.key} ${ch}`).toBeDefined();
        const values = JSON.stringify(
          Object.values(r!).flatMap((v) => (typeof v === 'object' ? Object.values(v) : [v])),
        );
        expect(values).toBe(values.normalize('NFC'));
        expect(values).not.toMatch(/\{\{|\}\}/);
      }
    }
  });

  it('stops with one line naming the template, the field and the unknown variable', () => {
    const run = () =>
      loadTemplates({ 'appointment-reminder': { sms: { text: 'Nhắc {{patientName}} lúc {{gioKham}}' } } });
    expect(run).toThrow(TemplateError);
    expect(run).toThrow(/^Template error: appointment-reminder sms\.text uses an undeclared variable \{\{gioKham\}\}/);
    try {
      run();
    } catch (err) {
      expect((err as Error).message.split('\n')).toHaveLength(1);
    }
  });

  it('refuses decomposed Vietnamese, broken braces, opt-out links in transactional mail and unknown override keys', () => {
    expect(() => loadTemplates({ 'appointment-confirmed': { sms: { text: 'Lịch khám'.normalize('NFD') } } })).toThrow(
      /appointment-confirmed sms\.text is not Unicode NFC/,
    );
    expect(() => loadTemplates({ 'result-ready': { sms: { text: 'Kết quả {{patientName} đã có' } } })).toThrow(
      /malformed placeholder/,
    );
    expect(() =>
      loadTemplates({ 'appointment-cancelled': { email: { text: 'Huỷ nhận: {{unsubscribeUrl}}' } } }),
    ).toThrow(/transactional messages do not have/);
    expect(() => loadTemplates({ 'not-a-type': {} })).toThrow(/^Template error: overrides/);
    expect(() => loadTemplates({ campaign: { plan: ['zns', 'fax'] } })).toThrow(
      /^Template error: overrides campaign\.plan/,
    );
  });

  it('takes a clinic’s own ZNS template id and wording', () => {
    const registry = loadTemplates({
      'appointment-reminder': {
        zns: { templateId: '7895417a7d3f9461cd2e' },
        sms: { text: '{{clinicName}} nhắc lịch {{bookingCode}}' },
      },
    });
    const t = registry.get('appointment-reminder')!;
    expect(t.channels.zns?.templateId).toBe('7895417a7d3f9461cd2e');
    expect(t.channels.zns?.params.booking_code).toBe('{{bookingCode}}');
    expect(renderChannel(t, 'sms', sample(t), { clinicName: 'PK An Bình' })).toEqual({
      channel: 'sms',
      text: 'PK An Bình nhắc lịch HN7K2QX',
    });
  });

  it('escapes values in email HTML, never the template markup, and clips ZNS values to their type’s length', () => {
    const t = byKey('appointment-confirmed');
    const vars = { ...sample(t), patientName: 'Lê <b>Văn</b> "Tám" & con gái Nguyễn Thị Hoa Hồng' };
    const email = renderChannel(t, 'email', vars, { clinicName: 'PK' });
    expect(email?.channel === 'email' && email.html).toContain('Lê &lt;b&gt;Văn&lt;/b&gt; &quot;Tám&quot; &amp;');
    expect(email?.channel === 'email' && email.html).toContain('<b>HN7K2QX</b>');
    const zns = renderChannel(t, 'zns', vars, { clinicName: 'PK' });
    const name = zns?.channel === 'zns' ? zns.templateData.customer_name! : '';
    expect([...name]).toHaveLength(30);
    expect(name.endsWith('…')).toBe(true);
  });

  it('strips Vietnamese marks from SMS by default, counts segments, and keeps them on request', () => {
    const t = byKey('appointment-reminder');
    const plain = prepare(settings, t, 'sms', sample(t));
    expect(plain?.channel).toBe('sms');
    if (plain?.channel !== 'sms') return;
    expect(plain.text).toBe(
      'Phong kham Da khoa An Binh: Nhac lich kham HN7K2QX ngay mai luc 08:30 26/11/2026 tai Co so Ha Noi. Vui long den truoc 15 phut.',
    );
    expect(plain.unicode).toBe(false);
    expect(plain.segments).toMatchObject({ encoding: 'gsm7', segments: 1, units: plain.text.length });
    const marked = prepare(settings, t, 'sms', sample(t), { smsUnicode: true });
    if (marked?.channel !== 'sms') throw new Error('no sms');
    expect(marked.text).toContain('Phòng khám Đa khoa An Bình: Nhắc lịch khám');
    expect(marked.unicode).toBe(true);
    expect(marked.segments.encoding).toBe('ucs2');
    expect(marked.segments.segments).toBe(Math.ceil(marked.text.length / 67));
  });

  it('offers the template form of a campaign with the refusal keyword, and opt-out links on non-transactional mail', () => {
    const c = byKey('campaign');
    const sms = renderChannel(c, 'sms', sample(c), { clinicName: 'PK' });
    expect(sms?.channel === 'sms' && sms.text).toMatch(/^QC PK: .* Từ chối nhận tin: trả lời HUY$/);
    const email = renderChannel(c, 'email', sample(c), {
      clinicName: 'PK',
      unsubscribeUrl: 'https://pk.vn/unsubscribe/t',
    });
    expect(email).toMatchObject({ unsubscribeUrl: 'https://pk.vn/unsubscribe/t' });
    expect(email?.channel === 'email' && email.html).toContain('href="https://pk.vn/unsubscribe/t"');
    for (const ch of templateChannels) {
      const r = renderChannel(byKey('appointment-confirmed'), ch, sample(byKey('appointment-confirmed')), {
        clinicName: 'PK',
        unsubscribeUrl: 'https://pk.vn/unsubscribe/t',
      });
      expect(r && 'unsubscribeUrl' in r).toBe(false);
    }
  });
});
