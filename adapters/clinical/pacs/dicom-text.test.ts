import { describe, expect, it } from 'vitest';
import { dicomDate, dicomText, personName } from './dicom-text.ts';

describe('DICOM values as people read them', () => {
  it('writes a PN in Vietnamese order, NFC, whatever components are empty', () => {
    expect(personName('Nguyễn^Văn An')).toBe('Nguyễn Văn An');
    // family^given^middle: the middle name goes between, as Vietnamese names are said
    expect(personName('Trần^Ngọc^Thị Bích')).toBe('Trần Thị Bích Ngọc');
    expect(personName('Lê^^^BS.')).toBe('BS. Lê');
    expect(personName('Phạm^Lan=ファム^ラン')).toBe('Phạm Lan');
    // decomposed input (NFD from some modalities) comes out composed
    expect(personName('Nguye\u0302\u0303n^An')).toBe('Nguyễn An');
    expect(personName('  ')).toBeNull();
    expect(personName(undefined)).toBeNull();
  });

  it('reads DA dates and refuses impossible ones', () => {
    expect(dicomDate('20260115')).toBe('2026-01-15');
    expect(dicomDate('20260230')).toBeNull();
    expect(dicomDate('2026-01-15')).toBeNull();
  });

  it('trims and composes text values', () => {
    expect(dicomText(' Siêu a\u0302m ')).toBe('Siêu âm');
    expect(dicomText('   ')).toBeNull();
    expect(dicomText(42)).toBeNull();
  });
});
