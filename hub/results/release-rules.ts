import type { Config } from '../config.ts';

export interface ReleaseCandidate {
  kind: 'lab' | 'imaging';
  status: 'preliminary' | 'final' | 'corrected';
  /** the order's test code (OBR-4) */
  serviceCode: string;
  modality: string | null;
}

/**
 * The auto-release rule a result matches (`test:GLU`, `modality:CR`, `test:*`), or null when a clinician must release
 * it. A preliminary result never goes out by itself: values may still change.
 */
export function autoReleaseRule(
  config: Pick<Config, 'RESULTS_AUTO_RELEASE_TESTS' | 'RESULTS_AUTO_RELEASE_MODALITIES'>,
  r: ReleaseCandidate,
): string | null {
  if (r.status === 'preliminary') return null;
  const tests = config.RESULTS_AUTO_RELEASE_TESTS;
  const code = r.serviceCode.trim().toUpperCase();
  if (tests.includes(code)) return `test:${code}`;
  if (tests.includes('*')) return 'test:*';
  if (r.kind !== 'imaging') return null;
  const modalities = config.RESULTS_AUTO_RELEASE_MODALITIES;
  const modality = r.modality?.trim().toUpperCase();
  if (modality && modalities.includes(modality)) return `modality:${modality}`;
  if (modalities.includes('*')) return 'modality:*';
  return null;
}
