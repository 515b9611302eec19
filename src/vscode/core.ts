import type * as Core from '../core/api';

let core: typeof Core | undefined;

/** The validator and catalog (~1.4 MB of compiled schemas) load on first use, never at activation. */
export function loadCore(): typeof Core {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  core ??= require('./core.js') as typeof Core;
  return core;
}
