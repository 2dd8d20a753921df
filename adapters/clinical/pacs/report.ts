import type { OrthancClient } from './client.ts';
import { dicomText } from './dicom-text.ts';

/** The report text of a Basic/Enhanced SR (INTEGRATION.md §3.5), split into findings and the conclusion. */
export interface SrReport {
  /** every TEXT item but the impression, one per line, prefixed with its Vietnamese heading */
  text: string;
  /** the "Impression" (121073) items: the radiologist's conclusion */
  conclusion: string | null;
}

const headings: Record<string, string> = {
  '121060': 'Bệnh sử',
  '121064': 'Lý do chỉ định',
  '121070': 'Kết quả',
  '121071': 'Mô tả',
  '121073': 'Kết luận',
  '121074': 'Khuyến nghị',
  '121076': 'Khuyến nghị',
};
const impressionCode = '121073';

type Item = Record<string, unknown>;

function* textItems(items: unknown): Generator<{ code: string | null; meaning: string | null; text: string }> {
  if (!Array.isArray(items)) return;
  for (const item of items as Item[]) {
    const concept = Array.isArray(item.ConceptNameCodeSequence) ? (item.ConceptNameCodeSequence[0] as Item) : {};
    const text = dicomText(item.TextValue);
    if (item.ValueType === 'TEXT' && text) {
      yield { code: dicomText(concept?.CodeValue), meaning: dicomText(concept?.CodeMeaning), text };
    }
    // nested containers (sections) hold their own TEXT items
    yield* textItems(item.ContentSequence);
  }
}

/** Reads an SR instance's tags and extracts its text; null when it holds no TEXT item. */
export async function readSrReport(client: OrthancClient, instanceId: string): Promise<SrReport | null> {
  const tags = await client.instanceTags(instanceId);
  const lines: string[] = [];
  const conclusions: string[] = [];
  for (const t of textItems(tags.ContentSequence)) {
    if (t.code === impressionCode) conclusions.push(t.text);
    else lines.push(`${(t.code && headings[t.code]) ?? t.meaning ?? 'Ghi chú'}: ${t.text}`);
  }
  if (lines.length === 0 && conclusions.length === 0) return null;
  const conclusion = conclusions.length ? conclusions.join('\n') : null;
  return {
    text: [...lines, ...(conclusion ? [`${headings[impressionCode]}: ${conclusion}`] : [])].join('\n'),
    conclusion,
  };
}
