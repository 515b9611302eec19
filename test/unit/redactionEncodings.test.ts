import assert from 'node:assert/strict';
import fc from 'fast-check';
import { REDACTED, Redactor } from '../../src/core/redaction/redactor';
import { findLeak } from '../support/secretLeaks';
import { SAMPLE_JPEG_BASE64 } from '../support/sampleImage';
import { propertyRuns } from '../support/propertyRuns';

/** Not a character secrets are made of, and not base64 or hex, so the mask never joins a run. */
const MASK = '█';
const BEFORE = 'log «';
const AFTER = '» end';

const KEYS = {
  roboflow: 'rFk3yAbCdEfGh1JkLmNo',
  anthropic: 'sk-ant-api03-Zx9vQw8rTy7uIo6pAs5dFg4hJk3lL2mN1bV0cX-Zx9vQw8rTy7uIo6pAs5dFg4hJk3lL2mN1bV0cXAA',
  password: 'p@ss w0rd/é"\\quoted&=+?<>\'',
} as const;

// Whole code points (spread, not split), so no lone surrogate reaches encodeURIComponent.
const secretCharacters = fc.constantFrom(...[...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~!*\'()@#$%^&+=/?:;,"\\ <>[]{}|`éü€中😀\n\t']);
const secretOf = (minLength: number, maxLength: number) => fc.string({ unit: secretCharacters, minLength, maxLength });

/** Line breaks as MIME/PEM writers, JSON (once and nested) and URLs spell them. */
const LINE_BREAKS = ['\n', '\r\n', '\\n', '\\r\\n', '\\\\n', '\\\\r\\\\n', '%0A', '%0D%0A', '\n    '];

function wrap(text: string, column: number, firstLineUsed: number, lineBreak: string): string {
  const lines: string[] = [];
  let at = 0;
  let width = Math.max(1, column - (firstLineUsed % column));
  while (at < text.length) {
    lines.push(text.slice(at, at + width));
    at += width;
    width = column;
  }
  return lines.join(lineBreak);
}

function base64Around(secret: string, before: Uint8Array, after: Uint8Array, alphabet: 'base64' | 'base64url'): string {
  return Buffer.concat([before, Buffer.from(secret), after]).toString(alphabet);
}

/** Masked, no spelling of the secret left, and the text around the encoded secret untouched. */
function assertMaskedAndKept(redactor: Redactor, encoded: string, secret: string, context: string): string {
  const redacted = redactor.redact(`${BEFORE}${encoded}${AFTER}`);
  assert.equal(findLeak(redacted, secret), undefined, `${context}: ${findLeak(redacted, secret)} in ${JSON.stringify(redacted)}`);
  assert.ok(redacted.includes(MASK), `${context}: nothing masked in ${JSON.stringify(redacted)}`);
  assert.ok(redacted.startsWith(BEFORE) && redacted.endsWith(AFTER), `${context}: surroundings changed: ${JSON.stringify(redacted)}`);
  return redacted;
}

describe('Redaction of base64 wrapped by line breaks', function () {
  this.timeout(120_000); // synchronous and bounded, like the redactor's property tests
  it('masks a secret at every byte offset of a 76- or 64-column body, with every line break spelling', () => {
    for (const secret of Object.values(KEYS)) {
      const redactor = new Redactor([secret], { replacement: MASK });
      for (const alphabet of ['base64', 'base64url'] as const) {
        for (const column of [64, 76]) {
          for (const lineBreak of LINE_BREAKS) {
            for (let offset = 0; offset < 80; offset++) {
              const body = base64Around(secret, new Uint8Array(offset).fill(0xa5), new Uint8Array(9).fill(0x5a), alphabet);
              assertMaskedAndKept(redactor, wrap(body, column, 0, lineBreak), secret, `${alphabet}, ${column} columns, ${JSON.stringify(lineBreak)}, offset ${offset}`);
            }
          }
        }
      }
    }
  });

  it('masks a random secret wherever the wrap falls: any column, any first-line indent, any alignment', () => {
    fc.assert(
      fc.property(
        secretOf(8, 70),
        fc.uint8Array({ maxLength: 90 }),
        fc.uint8Array({ maxLength: 12 }),
        fc.integer({ min: 1, max: 100 }),
        fc.nat(100),
        fc.constantFrom(...LINE_BREAKS),
        fc.constantFrom('base64' as const, 'base64url' as const),
        (secret, before, after, column, firstLineUsed, lineBreak, alphabet) => {
          const redactor = new Redactor([secret], { replacement: MASK });
          assertMaskedAndKept(redactor, wrap(base64Around(secret, before, after, alphabet), column, firstLineUsed, lineBreak), secret, `column ${column}`);
        },
      ),
      { numRuns: propertyRuns(600) },
    );
  });
});

describe('Redaction of base64 escaped by URLs, JSON and HTML', () => {
  const ESCAPED: Record<string, (base64: string) => string> = {
    'percent-encoded in a URL (%2B %2F %3D)': (base64) => encodeURIComponent(base64),
    'percent-encoded, lower-case hex': (base64) => encodeURIComponent(base64).replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()),
    'percent-encoded twice (%252B)': (base64) => encodeURIComponent(encodeURIComponent(base64)),
    'PHP JSON (\\/)': (base64) => base64.replaceAll('/', '\\/'),
    '.NET JSON (\\u002B)': (base64) => base64.replaceAll('+', '\\u002B'),
    'HTML entities (&#x2F; &#43;)': (base64) => base64.replaceAll('/', '&#x2F;').replaceAll('+', '&#43;'),
    'wrapped, then percent-encoded (%0D%0A)': (base64) => encodeURIComponent(wrap(base64, 76, 0, '\r\n')),
  };

  for (const [name, escape] of Object.entries(ESCAPED)) {
    it(`${name}: masked at any alignment`, () => {
      fc.assert(
        fc.property(secretOf(8, 40), fc.uint8Array({ maxLength: 60 }), fc.uint8Array({ maxLength: 12 }), (secret, before, after) => {
          const redactor = new Redactor([secret], { replacement: MASK });
          assertMaskedAndKept(redactor, escape(base64Around(secret, before, after, 'base64')), secret, name);
        }),
        { numRuns: propertyRuns(150) },
      );
    });
  }

  it('masks the base64 of the UTF-16 text (PowerShell -EncodedCommand) and of the JSON-escaped text (a JWT payload)', () => {
    const redactor = new Redactor([KEYS.password], { replacement: MASK });
    for (let offset = 0; offset < 3; offset++) {
      const pad = Buffer.alloc(offset, 0x20);
      assertMaskedAndKept(redactor, Buffer.concat([pad, Buffer.from(KEYS.password, 'utf16le')]).toString('base64'), KEYS.password, 'UTF-16');
      const jwtPayload = Buffer.concat([pad, Buffer.from(JSON.stringify({ sub: 'me', password: KEYS.password }))]).toString('base64url');
      assertMaskedAndKept(redactor, jwtPayload, KEYS.password, 'JWT payload');
    }
  });
});

describe('Redaction of hex', () => {
  const SPELLINGS: Record<string, (hex: string) => string> = {
    'lower case': (hex) => hex,
    'upper case': (hex) => hex.toUpperCase(),
    'space-separated (Go % x, Node <Buffer>)': (hex) => hex.match(/../g)!.join(' '),
    'colon-separated': (hex) => hex.toUpperCase().match(/../g)!.join(':'),
    '\\x escapes': (hex) => hex.match(/../g)!.map((pair) => `\\x${pair}`).join(''),
    'wrapped at 32 columns': (hex) => wrap(hex, 32, 0, '\n'),
  };
  for (const [name, spell] of Object.entries(SPELLINGS)) {
    it(`${name}: masked among other bytes`, () => {
      fc.assert(
        fc.property(secretOf(8, 40), fc.uint8Array({ maxLength: 20 }), fc.uint8Array({ maxLength: 20 }), (secret, before, after) => {
          const redactor = new Redactor([secret], { replacement: MASK });
          assertMaskedAndKept(redactor, spell(Buffer.concat([before, Buffer.from(secret), after]).toString('hex')), secret, name);
        }),
        { numRuns: propertyRuns(150) },
      );
    });
  }

  it('masks exactly the secret\'s hex and keeps the bytes around it', () => {
    const redactor = new Redactor([KEYS.roboflow]);
    const hex = Buffer.from(KEYS.roboflow).toString('hex');
    assert.equal(redactor.redact(`id=00ff${hex}ff00`), `id=00ff${REDACTED}ff00`);
    assert.equal(redactor.redact(`<Buffer 00 ${hex.match(/../g)!.join(' ')} ff>`), `<Buffer 00 ${REDACTED} ff>`);
  });
});

describe('Redaction of text spellings', () => {
  const pythonRepr = (secret: string) =>
    [...secret].map((c) => ({ '\\': '\\\\', '\n': '\\n', '\t': '\\t', "'": "\\'" })[c] ?? c).join('');
  const ENCODINGS: Record<string, (secret: string) => string> = {
    'HTML (html.escape)': (secret) => secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;'),
    'HTML (MarkupSafe)': (secret) => secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;'),
    'Python repr': pythonRepr,
    'Python bytes repr': (secret) =>
      [...Buffer.from(secret)].map((byte) => (byte >= 0x20 && byte < 0x7f ? pythonRepr(String.fromCharCode(byte)) : pythonRepr(String.fromCharCode(byte)).length > 1 ? pythonRepr(String.fromCharCode(byte)) : `\\x${byte.toString(16).padStart(2, '0')}`)).join(''),
    'Python ascii()': (secret) =>
      [...pythonRepr(secret)].map((c) => (c.codePointAt(0)! > 0x7f ? (c.codePointAt(0)! > 0xffff ? `\\U${c.codePointAt(0)!.toString(16).padStart(8, '0')}` : c.codePointAt(0)! > 0xff ? `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}` : `\\x${c.codePointAt(0)!.toString(16)}`) : c)).join(''),
    'Go JSON (\\u003c \\u0026)': (secret) => JSON.stringify(secret).slice(1, -1).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`),
    '.NET JSON (\\u0022 \\u002B \\u00E9)': (secret) =>
      JSON.stringify(secret).slice(1, -1).replace(/\\"/g, '"').replace(/["'&+<>`]|[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`),
    'JSON three levels deep': (secret) => [1, 2, 3].reduce((text) => JSON.stringify(text).slice(1, -1), secret),
    'JSON body in a URL': (secret) => encodeURIComponent(JSON.stringify(secret).slice(1, -1)),
  };
  for (const [name, encode] of Object.entries(ENCODINGS)) {
    it(`${name}: the whole spelling is masked and nothing else`, () => {
      fc.assert(
        fc.property(secretOf(4, 40), (secret) => {
          const redacted = new Redactor([secret], { replacement: MASK }).redact(`${BEFORE}${encode(secret)}${AFTER}`);
          assert.equal(redacted, `${BEFORE}${MASK}${AFTER}`, `${JSON.stringify(secret)} as ${JSON.stringify(encode(secret))}`);
        }),
        { numRuns: propertyRuns(200) },
      );
    });
  }

  it('UTF-16 printed as bytes, raw or JSON-escaped: masked', () => {
    const redactor = new Redactor([KEYS.roboflow]);
    const utf16 = Buffer.from(KEYS.roboflow, 'utf16le').toString('latin1');
    assert.equal(redactor.redact(`name=${utf16}`), `name=${REDACTED}\u0000`);
    assert.equal(redactor.redact(`name=${JSON.stringify(utf16).slice(1, -1)}`), `name=${REDACTED}\\u0000`);
  });
});

describe('Redaction of truncated secrets', () => {
  it('masks a prefix that leaves fewer than 8 characters unseen, and no shorter one', () => {
    const redactor = new Redactor([KEYS.roboflow]);
    for (let length = 13; length < KEYS.roboflow.length; length++) {
      assert.equal(redactor.redact(`key ${KEYS.roboflow.slice(0, length)}… (truncated)`), `key ${REDACTED}… (truncated)`, `first ${length}`);
    }
    const first12 = KEYS.roboflow.slice(0, 12);
    assert.equal(redactor.redact(`key ${first12}… (truncated)`), `key ${first12}… (truncated)`);
    const first8 = KEYS.anthropic.slice(0, 8);
    assert.equal(new Redactor([KEYS.anthropic]).redact(`using ${first8}…`), `using ${first8}…`);
  });
});

describe('Redaction leaves ordinary text alone', () => {
  const redactor = new Redactor(Object.values(KEYS));

  it('a real JPEG in base64, wrapped at 76 columns with CRLF and escaped in JSON', () => {
    const wrapped = wrap(SAMPLE_JPEG_BASE64, 76, 0, '\r\n');
    assert.equal(redactor.redact(wrapped), wrapped);
    const json = JSON.stringify({ image: wrapped, url: `https://x/?img=${encodeURIComponent(SAMPLE_JPEG_BASE64)}` });
    assert.equal(redactor.redact(json), json);
  });

  it('hex detection ids, hashes, UUIDs, a hexdump and prose', () => {
    const text = [
      'detection_id: 6f1c0a7b3e5d2f4a6b8c0d1e2f3a4b5c, parent_id: image',
      'sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      'uuid 123e4567-e89b-12d3-a456-426614174000',
      '00000000: 7f45 4c46 0201 0100 0000 0000 0000 0000  .ELF............',
      'The quick brown fox jumps over the lazy dog; café & crème <brûlée> "quoted" 100% + 50%2F.',
      'GET /v1/models?limit=10&offset=20%20 HTTP/1.1\r\nHost: api.example.com\r\n',
    ].join('\n');
    assert.equal(redactor.redact(text), text);
  });

  it('random prose, hex and base64 never change (no false positives)', () => {
    fc.assert(
      fc.property(
        secretOf(8, 40),
        fc.array(fc.oneof(fc.constantFrom('the', 'key', 'image', 'error', '\\n', '%0A', '\r\n', ' ', ':', '&amp;', '\\/'), fc.uint8Array({ maxLength: 40 }).map((bytes) => Buffer.from(bytes).toString('base64')), fc.uint8Array({ maxLength: 20 }).map((bytes) => Buffer.from(bytes).toString('hex'))), { maxLength: 30 }),
        (secret, pieces) => {
          const text = pieces.join('');
          fc.pre(findLeak(text, secret) === undefined);
          assert.equal(new Redactor([secret]).redact(text), text);
        },
      ),
      { numRuns: propertyRuns(400) },
    );
  });
});
