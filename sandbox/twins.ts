import type { SandboxOptions, Twin } from './server.ts';

/** Every provider twin the sandbox serves. A new twin adds its line here. */
export function sandboxTwins(_opts: SandboxOptions): Twin[] {
  return [];
}
