import type { ServerInfoResult } from './types';

/**
 * What the extension knows about the server behind a URL, from its `GET /info`: asked once per URL
 * per session. An answer (an inference server's, or a refusal showing the URL is something else)
 * is kept for the session; no answer at all (down, timed out) is asked again after a minute, so
 * starting the server later is noticed.
 */

export type ServerIdentity =
  | { status: 'identified'; name: string; version: string }
  | { status: 'unidentified'; /** Why /info did not say, one sentence. */ reason: string };

/** `inference 1.8.3` for Roboflow's server, else `<name> <version>`, or `version unknown`. */
export function describeServerSoftware(identity: ServerIdentity): string {
  if (identity.status === 'unidentified') return 'version unknown';
  const product = /roboflow inference server/i.test(identity.name) ? 'inference' : identity.name;
  return `${product} ${identity.version}`;
}

export function identityFromInfo(result: ServerInfoResult): ServerIdentity {
  if (result.ok) return { status: 'identified', name: result.info.name, version: result.info.version };
  return { status: 'unidentified', reason: `GET /info failed: ${result.message}` };
}

const RETRY_UNANSWERED_AFTER_MS = 60_000;

interface Entry {
  pending: Promise<ServerIdentity>;
  settled?: ServerIdentity;
  /** Set when nothing answered: the time after which to ask again. */
  retryAt?: number;
}

export class ServerIdentityCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly askInfo: (serverUrl: string) => Promise<ServerInfoResult>,
    private readonly now: () => number = Date.now,
  ) {}

  /** The identity if already known (no request). */
  peek(serverUrl: string): ServerIdentity | undefined {
    return this.entries.get(serverUrl)?.settled;
  }

  /** The identity, asking the server at most once (see above). */
  lookup(serverUrl: string): Promise<ServerIdentity> {
    const entry = this.entries.get(serverUrl);
    if (entry && (entry.retryAt === undefined || this.now() < entry.retryAt)) return entry.pending;
    const fresh: Entry = {
      pending: this.askInfo(serverUrl).then(
        (result) => {
          fresh.settled = identityFromInfo(result);
          const unanswered = !result.ok && (result.kind === 'network' || result.kind === 'timeout' || result.kind === 'cancelled');
          if (unanswered) fresh.retryAt = this.now() + RETRY_UNANSWERED_AFTER_MS;
          return fresh.settled;
        },
        (error: unknown) => {
          fresh.settled = { status: 'unidentified', reason: `GET /info failed: ${error instanceof Error ? error.message : String(error)}` };
          fresh.retryAt = this.now() + RETRY_UNANSWERED_AFTER_MS;
          return fresh.settled;
        },
      ),
    };
    this.entries.set(serverUrl, fresh);
    return fresh.pending;
  }
}
