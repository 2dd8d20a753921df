import { randomBytes } from 'node:crypto';

let counter = 0;

/**
 * A fresh MSH-10: prefix + time (base 36) + a per-process counter + randomness, at most 20 characters (ST, len 20 in
 * 2.5.1). Unique across processes without coordination; stored once and reused on every retry of the same message.
 */
export function newControlId(prefix = 'HUB'): string {
  counter = (counter + 1) % 1296;
  const time = Date.now().toString(36).toUpperCase();
  const seq = counter.toString(36).toUpperCase().padStart(2, '0');
  const rand = randomBytes(3)
    .toString('hex')
    .toUpperCase()
    .slice(0, 20 - prefix.length - time.length - seq.length);
  return `${prefix}${time}${seq}${rand}`.slice(0, 20);
}
