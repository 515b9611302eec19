/**
 * Test oracle: can a secret be recovered from a text? Independent of the redactor's own list of
 * spellings: it decodes the text every way a reader could without knowing the secret (JSON and
 * Python escapes, percent-encoding, HTML entities, UTF-16 NULs, up to three layers deep), then
 * base64-decodes (at every character offset, both alphabets) and hex-decodes (at both nibble
 * offsets) every run once line breaks and separators are removed, and looks for the secret's
 * bytes (UTF-8, UTF-16 and JSON-escaped) in each result.
 */

const BASE64_RUN = /[A-Za-z0-9+/\-_]{4,}={0,2}/g;
const HEX_RUN = /[0-9a-fA-F]{16,}/g;

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

function unescapeHtml(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return text.replace(/&(?:#[xX]([0-9a-fA-F]+)|#([0-9]+)|(amp|lt|gt|quot|apos));/g, (entity, hex?: string, decimal?: string, name?: string) => {
    if (hex !== undefined) return String.fromCodePoint(parseInt(hex, 16));
    if (decimal !== undefined) return String.fromCodePoint(Number(decimal));
    return named[name!] ?? entity;
  });
}

/** Python `repr`/`ascii` escapes, `\xNN` read as code points. */
function unescapePythonStr(text: string): string {
  return text.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|['"\\nrt])/g, (_escape, code: string) => {
    if (/^[xuU]/.test(code)) return String.fromCodePoint(parseInt(code.slice(1), 16));
    return ({ n: '\n', r: '\r', t: '\t' } as Record<string, string>)[code] ?? code;
  });
}

/** Python `repr(bytes)`: `\xNN` read as bytes, then the bytes as UTF-8. */
function unescapePythonBytes(text: string): string {
  const latin1 = text.replace(/\\(x[0-9a-fA-F]{2}|['"\\nrt])/g, (_escape, code: string) => {
    if (code.startsWith('x')) return String.fromCharCode(parseInt(code.slice(1), 16));
    return ({ n: '\n', r: '\r', t: '\t' } as Record<string, string>)[code] ?? code;
  });
  return /^[\x00-\xff]*$/.test(latin1) ? Buffer.from(latin1, 'latin1').toString('utf8') : latin1;
}

const DECODERS: ReadonlyArray<(text: string) => string> = [
  unescapeJson,
  (text) => percentDecode(text, false),
  (text) => percentDecode(text, true),
  unescapeHtml,
  unescapePythonStr,
  unescapePythonBytes,
  (text) => text.replaceAll('\u0000', ''),
];

/** All the plain-text views of `text` a reader could get without knowing the secret: every
 * combination of up to three decoders. */
export function decodedViews(text: string): string[] {
  const views = new Set<string>([text]);
  let layer = [text];
  for (let depth = 0; depth < 3; depth++) {
    const next: string[] = [];
    for (const view of layer) {
      for (const decode of DECODERS) {
        const decoded = decode(view);
        if (!views.has(decoded)) {
          views.add(decoded);
          next.push(decoded);
        }
      }
    }
    layer = next;
  }
  return [...views];
}

/** `view` without line breaks, spacing and the separators hex and base64 get wrapped in. */
function packed(view: string): string {
  return view.replace(/\\x|[\s:]/g, '');
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

/** Decodes of every hex run, at both nibble offsets. */
function hexDecodings(text: string): Buffer[] {
  const decodings: Buffer[] = [];
  for (const [run] of text.matchAll(HEX_RUN)) {
    for (let offset = 0; offset < 2; offset++) decodings.push(Buffer.from(run.slice(offset, offset + ((run.length - offset) & ~1)), 'hex'));
  }
  return decodings;
}

/** Shorter secrets are, by design, masked only verbatim (see MIN_BYTES_FOR_BASE64_FORMS). */
const MIN_BYTES_FOR_ENCODED_BYTES = 8;
/** A prefix this long that leaves fewer than 8 characters unseen counts as a leak (see
 * MAX_HIDDEN_CHARACTERS_OF_A_PREFIX): the rest is guessable. */
const MIN_PREFIX = 12;

/** Where `secret` can still be read in `text`, or undefined when it cannot. */
export function findLeak(text: string, secret: string): string | undefined {
  const views = decodedViews(text);
  const characters = [...secret];
  const prefix = characters.slice(0, Math.max(MIN_PREFIX, characters.length - 7)).join('');
  for (const view of views) {
    const shown = view.includes(secret) ? secret : prefix.length < secret.length && view.includes(prefix) ? prefix : undefined;
    if (shown === undefined) continue;
    const at = view.indexOf(shown);
    const what = shown === secret ? 'visible' : `its first ${[...prefix].length} of ${characters.length} characters visible`;
    return `${what} in ${view === text ? 'the text' : 'a decoded view'}: …${view.slice(Math.max(0, at - 30), at + shown.length + 30)}…`;
  }
  if (Buffer.byteLength(secret) < MIN_BYTES_FOR_ENCODED_BYTES) return undefined;
  const secretBytes = [Buffer.from(secret, 'utf8'), Buffer.from(secret, 'utf16le'), Buffer.from(JSON.stringify(secret).slice(1, -1), 'utf8')];
  for (const view of views) {
    const compact = packed(view);
    for (const decoded of base64Decodings(compact)) {
      if (secretBytes.some((bytes) => decoded.includes(bytes))) return 'recoverable by base64-decoding part of the text';
    }
    for (const decoded of hexDecodings(compact)) {
      if (secretBytes.some((bytes) => decoded.includes(bytes))) return 'recoverable by hex-decoding part of the text';
    }
  }
  return undefined;
}
