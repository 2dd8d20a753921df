import { useEffect, useState } from 'react';

/** Milliseconds left until `deadline` (ISO), ticking every second; 0 once passed. */
export function useCountdown(deadline: string | null | undefined, now: () => number = Date.now): number {
  const end = deadline ? Date.parse(deadline) : Number.NaN;
  const [left, setLeft] = useState(() => (Number.isNaN(end) ? 0 : Math.max(0, end - now())));
  useEffect(() => {
    if (Number.isNaN(end)) {
      setLeft(0);
      return;
    }
    const tick = () => setLeft(Math.max(0, end - now()));
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [end, now]);
  return left;
}
