import { describe, expect, it } from 'vitest';
import { renderCanned, variablesIn } from './canned-responses.ts';

describe('canned responses', () => {
  it('fills the variables it knows and leaves others visible', () => {
    const body = 'Chào {{contact.firstName}}, {{ agent.name }} của {{clinic.name}} đây. {{khong.co}}';
    expect(variablesIn(body)).toEqual(['contact.firstName', 'agent.name', 'clinic.name', 'khong.co']);
    expect(
      renderCanned(body, {
        'contact.name': 'Nguyễn Thị Thu Hương',
        'contact.firstName': 'Hương',
        'contact.phone': '0912345678',
        'agent.name': 'Nguyễn Văn An',
        'clinic.name': 'Phòng khám ABC',
        today: '14/09/2026',
      }),
    ).toBe('Chào Hương, Nguyễn Văn An của Phòng khám ABC đây. {{khong.co}}');
  });
});
