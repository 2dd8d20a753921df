import { describe, expect, it } from 'vitest';
import { autoReleaseRule } from './release-rules.ts';

const config = { RESULTS_AUTO_RELEASE_TESTS: ['GLU', 'HBA1C'], RESULTS_AUTO_RELEASE_MODALITIES: ['CR'] };

describe('auto-release rules', () => {
  it('releases a final result whose test code or modality is listed', () => {
    expect(autoReleaseRule(config, { kind: 'lab', status: 'final', serviceCode: 'glu', modality: null })).toBe(
      'test:GLU',
    );
    expect(autoReleaseRule(config, { kind: 'imaging', status: 'final', serviceCode: 'XQ01', modality: 'cr' })).toBe(
      'modality:CR',
    );
    expect(autoReleaseRule(config, { kind: 'lab', status: 'corrected', serviceCode: 'HBA1C', modality: null })).toBe(
      'test:HBA1C',
    );
  });

  it('leaves everything else, and every preliminary result, to a clinician', () => {
    expect(autoReleaseRule(config, { kind: 'lab', status: 'final', serviceCode: 'SHM', modality: null })).toBeNull();
    expect(
      autoReleaseRule(config, { kind: 'imaging', status: 'final', serviceCode: 'CT01', modality: 'CT' }),
    ).toBeNull();
    expect(
      autoReleaseRule(config, { kind: 'lab', status: 'preliminary', serviceCode: 'GLU', modality: null }),
    ).toBeNull();
  });

  it('treats * as every test or every modality', () => {
    const all = { RESULTS_AUTO_RELEASE_TESTS: ['*'], RESULTS_AUTO_RELEASE_MODALITIES: [] };
    expect(autoReleaseRule(all, { kind: 'lab', status: 'final', serviceCode: 'SHM', modality: null })).toBe('test:*');
    const imaging = { RESULTS_AUTO_RELEASE_TESTS: [], RESULTS_AUTO_RELEASE_MODALITIES: ['*'] };
    expect(autoReleaseRule(imaging, { kind: 'imaging', status: 'final', serviceCode: 'US1', modality: 'US' })).toBe(
      'modality:*',
    );
    expect(autoReleaseRule(imaging, { kind: 'lab', status: 'final', serviceCode: 'SHM', modality: null })).toBeNull();
  });
});
