import { describe, expect, it } from 'vitest';
import { previewCanned, variablesIn } from './canned-preview.ts';

describe('canned response preview', () => {
  it('fills known variables, keeps unknown ones visible, and lists each variable once', () => {
    const body = 'Chào {{contact.firstName}}, em là {{ agent.name }}. {{contact.firstName}} cần {{khong.co}}?';
    expect(variablesIn(body)).toEqual(['contact.firstName', 'agent.name', 'khong.co']);
    const parts = previewCanned(body, { 'contact.firstName': 'Hương', 'agent.name': 'An' });
    expect(parts.map((p) => p.text).join('')).toBe('Chào Hương, em là An. Hương cần {{khong.co}}?');
    expect(parts.filter((p) => p.kind === 'unknown').map((p) => p.text)).toEqual(['{{khong.co}}']);
  });
});
