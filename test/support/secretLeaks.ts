/**
 * Test oracle: can a secret be recovered from a text? Independent of the redactor's own list of
 * spellings: it un-escapes JSON, percent-decodes and base64-decodes the text (every run of base64
 * characters, at every character offset) and looks for the secret's bytes in each result.
 */

const BASE64_RUN = /[A-Za-z0-9+/\-_]{4,}={0,2}/g;

function unescapeJson(text: string): string {
  return text.replace(/\\(u[0-9a-fA-F]{4}|["\\/bfnrt])/g, (_escape, code: string) => {
    if (code.startsWith('u')) return String.fromCharCode(parseInt(code.slice(1), 16));
    return ({ b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' } as Record<string, string>)[code] ?? code;
  });
}

function percentDecode(text: string, plusAsSpace: boolean): string {
  const spaced = plusAsSpace ? text.replace(/\+/g, ' ') : text;
  return spaced.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return Buffer.from(run.replace(/%/g, ''), 'hex').toString('latin1');
    }
  });
}

/** Decodes of every base64-looking run, at each of the 4 character offsets, in both alphabets. */
function base64Decodings(text: string): Buffer[] {
  const decodings: Buffer[] = [];
  for (const [run] of text.matchAll(BASE64_RUN)) {
    for (let offset = 0; offset < 4; offset++) {
      const part = run.slice(offset).replace(/=+$/, '');
      const usable = part.slice(0, part.length - (part.length % 4 === 1 ? 1 : 0));
      decodings.push(Buffer.from(usable.replace(/-/g, '+').replace(/_/g, '/'), 'base64'));
    }
  }
  return decodings;
}

/** All the plain-text views of `text` a reader could get without knowing the secret. */
export function decodedViews(text: string): string[] {
  const jsonOnce = unescapeJson(text);
  const jsonTwice = unescapeJson(jsonOnce);
  const views = [text, jsonOnce, jsonTwice];
  for (const view of [text, jsonOnce]) {
    views.push(percentDecode(view, false), percentDecode(view, true), percentDecode(percentDecode(view, false), false));
  }
  return views;
}

/** Where `secret` can still be read in `text`, or undefined when it cannot. */
export function findLeak(text: string, secret: string): string | undefined {
  for (const view of decodedViews(text)) {
    if (view.includes(secret)) return `visible in ${view === text ? 'the text' : 'a decoded view'}: …${view.slice(Math.max(0, view.indexOf(secret) - 30), view.indexOf(secret) + secret.length + 30)}…`;
  }
  const secretBytes = Buffer.from(secret, 'utf8');
  // Shorter secrets are, by design, masked only verbatim (see MIN_BYTES_FOR_BASE64_FORMS).
  if (secretBytes.length >= 8) {
    for (const decoded of base64Decodings(text)) {
      if (decoded.includes(secretBytes)) return 'recoverable by base64-decoding part of the text';
    }
  }
  return undefined;
}
