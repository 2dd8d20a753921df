import { configure } from '@testing-library/react';

// jsdom lacks a few browser APIs that Mantine and zmp-ui call on mount.
if (!Element.prototype.scrollTo) Element.prototype.scrollTo = () => {};
if (!window.matchMedia) {
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener() {},
      removeListener() {},
      addEventListener() {},
      removeEventListener() {},
      dispatchEvent: () => false,
    }) as MediaQueryList;
}
if (!('ResizeObserver' in window)) {
  (window as unknown as { ResizeObserver: unknown }).ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}

// findBy*/waitFor wait up to this long: a bound for a loaded two-core machine, not a speed requirement.
configure({ asyncUtilTimeout: 5_000 });
