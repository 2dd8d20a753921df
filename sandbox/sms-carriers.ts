/** What the SMS twins share: which numbers are Vietnamese mobiles, their carrier, and how many parts a text takes. */

const vnMobile = /^(?:\+?84|0)?((?:3[2-9]|5[25689]|7[06-9]|8[1-9]|9[0-46-9])\d{7})$/;

/** 84xxxxxxxxx, or null when it is not a Vietnamese mobile number (PROVIDERS.md §5.5). */
export function mobile84(input: string): string | null {
  const m = input.replace(/[\s.\-()]/g, '').match(vnMobile);
  return m ? `84${m[1]}` : null;
}

const carriers: [RegExp, number][] = [
  [/^84(3[2-9]|86|9[678])/, 1], // Viettel
  [/^84(7[06-9]|89|9[03])/, 2], // MobiFone
  [/^84(8[1-58]|9[14])/, 3], // VinaPhone
  [/^84(5[268]|92)/, 4], // Vietnamobile
  [/^84(59|99)/, 5], // Gmobile
  [/^8487/, 6], // Itel
  [/^8455/, 7], // Reddi
];

/** eSMS's telcoid of a number (1 Viettel … 7 Reddi). */
export function telcoId(p84: string): number {
  return carriers.find(([re]) => re.test(p84))?.[1] ?? 0;
}

/** Parts a text takes: unaccented 160 / 153, with marks (UCS-2) 70 / 67 — the twins' own count. */
export function parts(text: string, unicode: boolean): number {
  const n = unicode ? text.length : [...text].length;
  const [single, part] = unicode ? [70, 67] : [160, 153];
  return n <= single ? 1 : Math.ceil(n / part);
}
