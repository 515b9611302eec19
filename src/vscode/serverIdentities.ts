import { ServerIdentityCache } from '../core/server/serverIdentity';
import { loadCore } from './core';

/**
 * The name and version of each inference server this session talks to, from its `GET /info`
 * (no key is sent), shared by previews and Validate on Server. One per extension activation.
 */
export function createServerIdentities(): ServerIdentityCache {
  return new ServerIdentityCache((serverUrl) => {
    const core = loadCore();
    return core.fetchServerInfo({ serverUrl, redactor: new core.Redactor() });
  });
}
