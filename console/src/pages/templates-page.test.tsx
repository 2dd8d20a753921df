import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TemplatePreview } from '../notify/notify-types.ts';
import { mockHub, renderUi } from '../test-utils.tsx';
import { TemplatesPage } from './templates-page.tsx';

const reminder = (smsText: string, segments: number): TemplatePreview => ({
  key: 'appointment-reminder',
  name: 'Nhắc lịch khám',
  description: 'Nhắc trước giờ khám.',
  purpose: 'care',
  urgent: false,
  plan: ['zns', 'sms'],
  variables: [
    { name: 'patientName', example: 'Nguyễn Thị Hoa', optional: false },
    { name: 'bookingCode', example: 'HN7K2QX', optional: false },
  ],
  previews: [
    {
      channel: 'zns',
      planPosition: 1,
      zns: { templateId: '413002', templateData: { customer_name: 'Nguyễn Thị Hoa', booking_code: 'HN7K2QX' } },
      costVnd: 250,
    },
    {
      channel: 'sms',
      planPosition: 2,
      sms: {
        text: smsText,
        unicode: false,
        encoding: 'gsm7',
        units: smsText.length,
        segments,
        perSegment: 160,
        remaining: 160 - smsText.length,
      },
      costVnd: 800 * segments,
    },
  ],
});

describe('templates page', () => {
  it('shows each channel of a template with the SMS segments and the cost, and previews other values', async () => {
    const seen = mockHub((req) => {
      if (req.url === '/api/notify/templates')
        return { status: 200, body: { items: [reminder('Nhac lich HN7K2QX', 1)] } };
      if (req.url === '/api/notify/templates/appointment-reminder/preview') {
        return { status: 200, body: reminder('Nhac lich XY99 cho Tran Van Binh', 2) };
      }
      return undefined;
    });
    renderUi(<TemplatesPage />);
    expect(await screen.findByText('Nhac lich HN7K2QX')).toBeTruthy();
    expect(screen.getByText('413002')).toBeTruthy();
    expect(screen.getByTestId('sms-segments').textContent).toContain('1 phần tin');
    expect(screen.getByTestId('plan-cost').textContent).toMatch(/250\s₫ nếu gửi được ở kênh đầu; tối đa 1\.050\s₫/);

    fireEvent.change(screen.getByLabelText('bookingCode'), { target: { value: 'XY99' } });
    fireEvent.click(screen.getByLabelText(/Giữ dấu tiếng Việt/));
    fireEvent.click(screen.getByRole('button', { name: 'Xem trước' }));
    expect(await screen.findByText('Nhac lich XY99 cho Tran Van Binh')).toBeTruthy();
    expect(screen.getByTestId('sms-segments').textContent).toContain('2 phần tin');
    const post = seen.find((r) => r.method === 'POST');
    expect(post?.body).toEqual({ variables: { patientName: 'Nguyễn Thị Hoa', bookingCode: 'XY99' }, smsUnicode: true });
  });

  it('puts the hub’s message on the variable it refused', async () => {
    mockHub((req) => {
      if (req.url === '/api/notify/templates') return { status: 200, body: { items: [reminder('Nhac lich', 1)] } };
      return {
        status: 400,
        body: {
          error: {
            code: 'validation_failed',
            message: 'Biến "bookingCode" không hợp lệ',
            details: { issues: [{ path: 'variables.bookingCode', message: 'Quá dài' }] },
          },
        },
      };
    });
    renderUi(<TemplatesPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Xem trước' }));
    await waitFor(() => expect(screen.getByText('Quá dài')).toBeTruthy());
    expect(screen.getByRole('alert').textContent).toContain('Biến "bookingCode" không hợp lệ');
  });
});
