/** Turns what `fetch` throws when no answer arrived into a sentence a user can act on. */

const TLS_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_NOT_YET_VALID',
]);

/** The first `code` found on the error, its `cause` chain or (for AggregateError) its members:
 * undici wraps the socket error as `TypeError('fetch failed', { cause })`, and `localhost`
 * tried over IPv6 and IPv4 fails as an AggregateError. */
export function networkErrorCode(error: unknown, depth = 0): string | undefined {
  if (depth > 5 || typeof error !== 'object' || error === null) return undefined;
  const candidate = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof candidate.code === 'string') return candidate.code;
  const fromCause = networkErrorCode(candidate.cause, depth + 1);
  if (fromCause !== undefined) return fromCause;
  if (Array.isArray(candidate.errors)) {
    for (const member of candidate.errors) {
      const code = networkErrorCode(member, depth + 1);
      if (code !== undefined) return code;
    }
  }
  return undefined;
}

export function describeNetworkError(error: unknown, serverUrl: string, isLoopback: boolean): string {
  const code = networkErrorCode(error);
  const host = new URL(serverUrl).host;
  switch (code) {
    case 'ECONNREFUSED':
      return isLoopback
        ? `Could not reach the inference server at ${serverUrl}: nothing is listening there. Is it running? Start one with \`inference server start\`.`
        : `Could not reach the inference server at ${serverUrl}: the connection was refused. Check the server URL and that the server is running.`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `Could not find the host ${host} (DNS lookup failed). Check the server URL and your internet connection.`;
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return `Connecting to ${serverUrl} timed out. Check the server URL, your network, VPN or firewall.`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `The network cannot reach ${host}. Check your connection, VPN or firewall.`;
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
    case 'UND_ERR_CLOSED':
      return `The connection to ${serverUrl} closed before an answer arrived (${code}). The server may have crashed or restarted, or a proxy cut the connection.`;
    case 'EPROTO':
    case 'ERR_SSL_WRONG_VERSION_NUMBER':
      return `The server at ${serverUrl} did not answer with TLS (${code}). If it is a local server started with \`inference server start\`, use http://localhost:9001.`;
    default:
      if (code !== undefined && TLS_CODES.has(code)) {
        return `The TLS certificate of ${host} could not be verified (${code}). The connection was not used, so the API key was not sent.`;
      }
      return `Could not reach the inference server at ${serverUrl}${code ? ` (${code})` : ''}: ${error instanceof Error ? error.message : String(error)}.`;
  }
}
