import assert from 'node:assert/strict';
import fc from 'fast-check';
import { base64Fragments } from '../../src/core/redaction/base64Fragments';
import { KeywordAutomaton } from '../../src/core/redaction/keywordAutomaton';
import { REDACTED, Redactor } from '../../src/core/redaction/redactor';
import { MIN_BYTES_FOR_BASE64_FORMS, MIN_LENGTH_FOR_ESCAPED_FORMS, secretSpellings, secretVariants } from '../../src/core/redaction/secretVariants';
import { findLeak } from '../support/secretLeaks';
import { SAMPLE_JPEG_BASE64 } from '../support/sampleImage';
import { propertyRuns } from '../support/propertyRuns';

function assertNoLeak(text: string, secret: string, context = ''): void {
  const leak = findLeak(text, secret);
  assert.equal(leak, undefined, `${context}: secret ${JSON.stringify(secret)} ${leak}\nin: ${text.slice(0, 400)}`);
}

/** Secrets of the shapes a workflow run meets. */
const SECRETS = {
  roboflowKey: 'rFk3yAbCdEfGh1JkLmNo',
  openAiKey: 'sk-proj-Zx9vQw8rTy7uIo6pAs5dFg4hJk3lL2mN1bV0cX',
  password: 'p@ss w0rd/é"\\quoted&=+?',
  twilioToken: '9f1c0a7b3e5d2f4a6b8c0d1e2f3a4b5c',
} as const;

/** Ways a server leaks what it was given (reference §g). `$S` is where the secret lands. */
const LEAK_PATHS: Record<string, string> = {
  '401 raw-key message': 'Unauthorized error occurred while execution of step model - details of error: API key $S does not have access to model acme/3.',
  '500 traceback': 'Traceback (most recent call last):\n  File "/app/inference/core/roboflow_api.py", line 512, in _get\n    raise HTTPError(msg)\nrequests.exceptions.HTTPError: 401 for $S\n',
  'python block output stream': 'stdout: connecting to broker with secret $S\n',
  'api_key= in a URL': 'GET https://api.roboflow.com/ort/acme/3?api_key=$S&nocache=true failed',
  'Bearer header echoed': "headers={'Authorization': 'Bearer $S', 'Content-Type': 'application/json'}",
  'rf_key:user: reference': 'resolved rf_key:user:$S for step llm',
  'inside a larger word': 'prefix$Ssuffix',
};

function randomBytes(count: number, seed: number): Buffer {
  return Buffer.from(Array.from({ length: count }, (_, i) => (seed * 31 + i * 17) % 256));
}

/** How the secret is written at `$S`. */
const ENCODINGS: Record<string, (secret: string) => string> = {
  raw: (secret) => secret,
  'JSON-escaped': (secret) => JSON.stringify(secret).slice(1, -1),
  'JSON-escaped twice': (secret) => JSON.stringify(JSON.stringify(secret)).slice(1, -1),
  'JSON-escaped, ASCII only': (secret) => JSON.stringify(secret).slice(1, -1).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
  'URL-encoded (encodeURIComponent)': (secret) => encodeURIComponent(secret),
  'form-encoded (+ for space)': (secret) => new URLSearchParams({ a: secret }).toString().slice(2),
  'URL-encoded twice': (secret) => encodeURIComponent(encodeURIComponent(secret)),
  'URL-encoded, lower-case hex': (secret) => encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()),
  ...Object.fromEntries(
    [0, 1, 2].flatMap((offset) => [
      [`base64 at byte offset ${offset}`, (secret: string) => Buffer.concat([randomBytes(offset + 3, offset), Buffer.from(secret), randomBytes(5, 9)]).toString('base64')],
      [`url-safe base64 at byte offset ${offset}`, (secret: string) => Buffer.concat([randomBytes(offset + 3, offset + 1), Buffer.from(secret), randomBytes(4, 7)]).toString('base64url')],
    ]),
  ),
  'base64 of the whole leak text': (secret) => Buffer.from(`Authorization: Basic user:${secret}`).toString('base64'),
};

describe('Redactor: every leak path in every encoding', () => {
  for (const [pathName, template] of Object.entries(LEAK_PATHS)) {
    for (const [encodingName, encode] of Object.entries(ENCODINGS)) {
      it(`${pathName}, ${encodingName}`, () => {
        const redactor = new Redactor(Object.values(SECRETS));
        for (const secret of Object.values(SECRETS)) {
          const leaked = template.replace('$S', encode(secret));
          const redacted = redactor.redact(leaked);
          assertNoLeak(redacted, secret, `${pathName} / ${encodingName}`);
          // The whole message may itself arrive inside a JSON document.
          assertNoLeak(redactor.redact(JSON.stringify({ message: leaked })), secret, `${pathName} / ${encodingName} in JSON`);
          assert.ok(redacted.includes(REDACTED));
        }
      });
    }
  }
});

describe('Redactor: credentials recognised by shape, without being told the value', () => {
  const redactor = new Redactor();
  const cases: Array<[string, string, string]> = [
    ['api_key query parameter', 'https://api.roboflow.com/ort/acme/3?api_key=Unkn0wnRoboflowKey1&nocache=true', 'Unkn0wnRoboflowKey1'],
    ['api_key in a JSON payload', '{"api_key": "Unkn0wnRoboflowKey2", "model_id": "acme/3"}', 'Unkn0wnRoboflowKey2'],
    ['api_key in a JSON-escaped payload', '"payload": "{\\"api_key\\": \\"Unkn0wnRoboflowKey3\\"}"', 'Unkn0wnRoboflowKey3'],
    ['api_key in a Python dict repr', "json={'api_key': 'Unkn0wnRoboflowKey4'}", 'Unkn0wnRoboflowKey4'],
    ['ROBOFLOW_API_KEY environment dump', 'ROBOFLOW_API_KEY=Unkn0wnRoboflowKey5 PORT=9001', 'Unkn0wnRoboflowKey5'],
    ['api_key percent-encoded assignment', 'redirect=%2Fort%3Fapi_key%3DUnkn0wnRoboflowKey6', 'Unkn0wnRoboflowKey6'],
    ['Google key= query parameter', 'POST https://generativelanguage.googleapis.com/v1beta/models/gemini:generate?key=AIzaUnkn0wnGoogleKey7&alt=json', 'AIzaUnkn0wnGoogleKey7'],
    ['Bearer token', 'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.Unkn0wn.T0ken8=', 'eyJhbGciOiJIUzI1NiJ9.Unkn0wn.T0ken8='],
    ['lower-case bearer in a dict', "{'authorization': 'bearer Unkn0wnT0ken9'}", 'Unkn0wnT0ken9'],
    ['Basic credentials', 'Authorization: Basic dXNlcjpVbmtuMHduUGFzcw==', 'dXNlcjpVbmtuMHduUGFzcw=='],
    ['x-api-key header', "headers: {'x-api-key': 'Unkn0wnAnthropicHeader10'}", 'Unkn0wnAnthropicHeader10'],
    ['OpenAI key', 'Incorrect API key provided: sk-Unkn0wnOpenAiKey11abcdefgh.', 'Unkn0wnOpenAiKey11abcdefgh'],
    ['OpenAI project key', 'key=sk-proj-Unkn0wnOpenAiKey12_abc-def', 'Unkn0wnOpenAiKey12_abc-def'],
    ['Anthropic key', 'anthropic.AuthenticationError: invalid x-api-key sk-ant-api03-Unkn0wnAnthropicKey13', 'Unkn0wnAnthropicKey13'],
    ['rf_key:user: reference', 'api_key: rf_key:user:Unkn0wnManagedKey14', 'Unkn0wnManagedKey14'],
    ['password assignment', 'smtp login(user="me", password="Unkn0wnPassw0rd15")', 'Unkn0wnPassw0rd15'],
    ['block credential field', '{"type": "roboflow_core/slack_notification@v1", "slack_token": "xoxb-Unkn0wnSlack16"}', 'xoxb-Unkn0wnSlack16'],
    ['client secret', 'client_secret=Unkn0wnClientSecret17&grant_type=client_credentials', 'Unkn0wnClientSecret17'],
    ['token query parameter', 'wss://stream.example.com/socket?token=Unkn0wnStreamT0ken18', 'Unkn0wnStreamT0ken18'],
  ];
  for (const [name, text, credential] of cases) {
    it(name, () => {
      const redacted = redactor.redact(text);
      assert.ok(!redacted.includes(credential), `${name}: ${redacted}`);
      assert.ok(redacted.includes(REDACTED), redacted);
    });
  }

  it('keeps the recognisable part so the message still makes sense', () => {
    assert.equal(redactor.redact('GET /ort/acme/3?api_key=abcdef123&nocache=true'), `GET /ort/acme/3?api_key=${REDACTED}&nocache=true`);
    assert.equal(redactor.redact('Authorization: Bearer abcdef123'), `Authorization: Bearer ${REDACTED}`);
    assert.equal(redactor.redact('rf_key:user:abc123'), `rf_key:user:${REDACTED}`);
    assert.equal(redactor.redact('sk-ant-api03-abcdefghijklmnop'), `sk-${REDACTED}`);
  });

  it('leaves rf_key:account, selectors, placeholders and "no key" values alone', () => {
    const texts = [
      '{"api_key": "rf_key:account", "type": "roboflow_core/open_ai@v4"}',
      '{"api_key": "$inputs.openai_api_key"}',
      'api_key=None',
      'Required Roboflow API key is missing. Pass it as the `api_key` field of the request payload or as the `Authorization: Bearer <api_key>` header.',
      'url = f"{API_BASE_URL}/ort/{model_id}?api_key={api_key}"',
      'scikit-learn and sk-learn are fine, so is task-abcdefghijklmnopqrstuvwx',
      '{"max_tokens": 500, "temperature": 0.2}',
      'Unauthorized access to roboflow API - check API key and make sure the key is valid for workspace you use.',
    ];
    for (const text of texts) assert.equal(redactor.redact(text), text);
  });
});

describe('Redactor: behaviour', () => {
  it('returns the very same string when nothing matches', () => {
    const text = `{"outputs":[{"image":{"type":"base64","value":"${SAMPLE_JPEG_BASE64}"}}]}`;
    assert.equal(new Redactor(Object.values(SECRETS)).redact(text), text);
  });

  it('does not touch a real base64 JPEG when the secrets are elsewhere', () => {
    const redactor = new Redactor([...Object.values(SECRETS), 'Ab1!', 'xyz9']);
    const redacted = redactor.redactDeep({ image: { type: 'base64', value: SAMPLE_JPEG_BASE64 }, note: `key ${SECRETS.roboflowKey}` });
    assert.equal(redacted.image.value, SAMPLE_JPEG_BASE64);
    assert.equal(redacted.note, `key ${REDACTED}`);
  });

  it('masks overlapping and adjacent secrets as one stretch', () => {
    const redactor = new Redactor(['abcdefgh', 'efghijkl']);
    assert.equal(redactor.redact('xx abcdefghijkl yy'), `xx ${REDACTED} yy`);
    assert.equal(redactor.redact('abcdefghabcdefgh'), REDACTED);
  });

  it('is idempotent', () => {
    const redactor = new Redactor(Object.values(SECRETS));
    for (const template of Object.values(LEAK_PATHS)) {
      for (const encode of Object.values(ENCODINGS)) {
        const once = redactor.redact(template.replace('$S', encode(SECRETS.password)));
        assert.equal(redactor.redact(once), once);
      }
    }
  });

  it('masks secrets added after first use', () => {
    const redactor = new Redactor(['first-secret-1']);
    assert.equal(redactor.redact('first-secret-1 second-secret-2'), `${REDACTED} second-secret-2`);
    redactor.add('second-secret-2');
    redactor.add('second-secret-2');
    redactor.add('');
    assert.equal(redactor.secretCount, 2);
    assert.equal(redactor.redact('first-secret-1 second-secret-2'), `${REDACTED} ${REDACTED}`);
  });

  it('also masks the trimmed form of a secret pasted with whitespace', () => {
    const redactor = new Redactor(['  Tr1mmedSecretValue\n']);
    assert.equal(redactor.redact('key=Tr1mmedSecretValue;'), `key=${REDACTED};`);
  });

  it('matches secrets case-sensitively but triggers case-insensitively', () => {
    const redactor = new Redactor(['CaseSensitiveSecret']);
    assert.equal(redactor.redact('casesensitivesecret'), 'casesensitivesecret');
    assert.equal(redactor.redact('BEARER abcdef'), `BEARER ${REDACTED}`);
    assert.equal(redactor.redact('Api_Key=abcdef'), `Api_Key=${REDACTED}`);
  });

  it('uses a custom replacement', () => {
    assert.equal(new Redactor(['secret-value'], { replacement: '***' }).redact('a secret-value b'), 'a *** b');
  });

  it('masks base64 and hex right after a `%` or `\\` that reads as an escape with their first characters', () => {
    // Found by the property test below (seed 1119158055): `%3` + base64 starting `a` read as `%3a`, an escaped `:`.
    const cases: [secret: string, text: string][] = [
      ['hAAAAAAA', `%3${Buffer.from('hAAAAAAA').toString('base64')}`], // %3aEFB…
      ['hAAAAAAA', `%3${Buffer.from('hAAAAAAA').toString('base64url')}`],
      ['ĀAAAAAAA', `\\${Buffer.from('ĀAAAAAAA').toString('base64')}`], // \xEAB…
      [':AAAAAAA', `%${Buffer.from(':AAAAAAA').toString('hex')}`], // %3a41…
    ];
    for (const [secret, text] of cases) assertNoLeak(new Redactor([secret]).redact(text), secret, text);
  });

  it('masks short secrets verbatim only, documented to avoid over-matching encodings', () => {
    assert.equal(MIN_LENGTH_FOR_ESCAPED_FORMS, 4);
    assert.equal(MIN_BYTES_FOR_BASE64_FORMS, 8);
    const redactor = new Redactor(['x y']);
    assert.equal(redactor.redact('[x y] [x+y] [x%20y]'), `[${REDACTED}] [x+y] [x%20y]`);
    assert.deepEqual(secretVariants('a"c'), ['a"c']);
    assert.deepEqual(secretSpellings('abcdefg').packed, []);
    const packed = secretSpellings('abcdefgh').packed;
    for (const spelling of ['YWJjZGVmZ2', '6162636465666768', '6162636465666768'.toUpperCase()]) assert.ok(packed.includes(spelling), spelling);
  });
});

describe('Redactor.redactDeep', () => {
  const redactor = new Redactor([SECRETS.roboflowKey]);

  it('redacts strings at any depth and object keys, and copies instead of mutating', () => {
    const value = {
      outputs: [{ text: `key ${SECRETS.roboflowKey}`, nested: [[`Bearer ${SECRETS.roboflowKey}`]], count: 3, ok: true, none: null }],
      [SECRETS.roboflowKey]: 'value under a secret key',
    };
    const redacted = redactor.redactDeep(value);
    assert.deepEqual(redacted, {
      outputs: [{ text: `key ${REDACTED}`, nested: [[`Bearer ${REDACTED}`]], count: 3, ok: true, none: null }],
      [REDACTED]: 'value under a secret key',
    });
    assert.equal(value.outputs[0].text, `key ${SECRETS.roboflowKey}`);
  });

  it('handles plain strings, numbers and null', () => {
    assert.equal(redactor.redactDeep(SECRETS.roboflowKey), REDACTED);
    assert.equal(redactor.redactDeep(42), 42);
    assert.equal(redactor.redactDeep(null), null);
  });

  it('keeps a "__proto__" key from JSON as a plain key', () => {
    const parsed: unknown = JSON.parse(`{"__proto__": {"polluted": "${SECRETS.roboflowKey}"}}`);
    const redacted = redactor.redactDeep(parsed) as Record<string, unknown>;
    assert.deepEqual(Object.keys(redacted), ['__proto__']);
    assert.equal(Object.getPrototypeOf(redacted), Object.prototype);
    assert.deepEqual(Object.getOwnPropertyDescriptor(redacted, '__proto__')?.value, { polluted: REDACTED });
  });

  it('survives JSON nested deeper than the call stack', () => {
    const depth = 200_000;
    const parsed: unknown = JSON.parse(`${'['.repeat(depth)}"${SECRETS.roboflowKey}"${']'.repeat(depth)}`);
    let inner: unknown = redactor.redactDeep(parsed);
    for (let i = 0; i < depth; i++) inner = (inner as unknown[])[0];
    assert.equal(inner, REDACTED);
  });
});

describe('Redactor: property tests with random secrets', function () {
  // Synchronous and bounded by numRuns: a timer cannot stop them, only fail them when other work
  // slows the machine down (a soak run at load 11 on 2 cores took 4× the usual time).
  this.timeout(120_000);
  /** Not a character secrets are made of, so a one-letter secret cannot "survive" inside the mask. */
  const MASK = '█';
  // Whole code points (spread, not split), so no lone surrogate reaches encodeURIComponent.
  const secretCharacters = fc.constantFrom(...[...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~!*\'()@#$%^&+=/?:;,"\\ <>[]{}|`éü€中😀\n\t']);
  const secretOf = (minLength: number, maxLength: number) => fc.string({ unit: secretCharacters, minLength, maxLength });
  const noise = fc.string({ unit: fc.constantFrom(...[...'abcdefXYZ0123456789 +/=%\\"{}:,.\n']), maxLength: 60 });
  const binaryNoise = fc.uint8Array({ maxLength: 12 });

  type Encode = (secret: string, before: Uint8Array, after: Uint8Array) => string;
  const textEncodings: Record<string, Encode> = {
    raw: (secret) => secret,
    json: (secret) => JSON.stringify(secret).slice(1, -1),
    'json twice': (secret) => JSON.stringify(JSON.stringify(secret)).slice(1, -1),
    'url': (secret) => encodeURIComponent(secret),
    form: (secret) => new URLSearchParams({ k: secret }).toString().slice(2),
  };
  const base64Encodings: Record<string, Encode> = {
    base64: (secret, before, after) => Buffer.concat([before, Buffer.from(secret), after]).toString('base64'),
    'url-safe base64': (secret, before, after) => Buffer.concat([before, Buffer.from(secret), after]).toString('base64url'),
  };

  type LeakCheck = (text: string, secret: string) => string | undefined;
  const verbatim: LeakCheck = (text, secret) => (text.includes(secret) ? 'verbatim' : undefined);

  function checkNeverSurvives(encodings: Record<string, Encode>, minLength: number, maxLength: number, runs: number, leakCheck: LeakCheck = findLeak): void {
    fc.assert(
      fc.property(secretOf(minLength, maxLength), fc.constantFrom(...Object.keys(encodings)), noise, noise, binaryNoise, binaryNoise, (secret, encodingName, textBefore, textAfter, bytesBefore, bytesAfter) => {
        const text = `${textBefore}${encodings[encodingName](secret, bytesBefore, bytesAfter)}${textAfter}`;
        const redacted = new Redactor([secret], { replacement: MASK }).redact(text);
        assert.equal(leakCheck(redacted, secret), undefined, `encoding ${encodingName}, text ${JSON.stringify(text)} → ${JSON.stringify(redacted)}`);
      }),
      { numRuns: propertyRuns(runs) },
    );
  }

  it('secrets of 8+ characters never survive, in any text or base64 encoding at any offset', () => {
    fc.assert(
      fc.property(
        secretOf(8, 40),
        fc.constantFrom(...Object.keys(textEncodings), ...Object.keys(base64Encodings)),
        noise,
        noise,
        binaryNoise,
        binaryNoise,
        (secret, encodingName, textBefore, textAfter, bytesBefore, bytesAfter) => {
          const encode = textEncodings[encodingName] ?? base64Encodings[encodingName];
          const text = `${textBefore}${encode(secret, bytesBefore, bytesAfter)}${textAfter}`;
          const redacted = new Redactor([secret], { replacement: MASK }).redact(text);
          assert.equal(findLeak(redacted, secret), undefined, `encoding ${encodingName}, text ${JSON.stringify(text)} → ${JSON.stringify(redacted)}`);
        },
      ),
      { numRuns: propertyRuns(1500) },
    );
  });

  it('secrets of 4-7 characters never survive in text encodings', () => {
    checkNeverSurvives(textEncodings, 4, 7, 800);
  });

  it('secrets of 1-3 characters never survive verbatim', () => {
    // Their encoded forms are out of scope by design, so only the verbatim value is checked.
    checkNeverSurvives({ raw: textEncodings.raw }, 1, 3, 300, verbatim);
  });

  it('many secrets at once: none survives, whichever matcher state the text leaves behind', () => {
    fc.assert(
      fc.property(fc.array(secretOf(8, 24), { minLength: 2, maxLength: 12 }), fc.array(fc.nat(), { minLength: 1, maxLength: 10 }), noise, (secrets, picks, filler) => {
        const chosen = picks.map((pick) => secrets[pick % secrets.length]);
        const text = chosen.map((secret, i) => `${filler.slice(0, i)}${secret}`).join('');
        const redacted = new Redactor(secrets, { replacement: MASK }).redact(text);
        for (const secret of chosen) assert.ok(!redacted.includes(secret), `${JSON.stringify(secret)} in ${JSON.stringify(redacted)}`);
      }),
      { numRuns: propertyRuns(500) },
    );
  });

  it('never changes text that contains no secret and no credential trigger', () => {
    fc.assert(
      fc.property(secretOf(8, 30), fc.string({ unit: fc.constantFrom(...'abcdefghij0123456789 .,:\n'.split('')), maxLength: 200 }), (secret, text) => {
        fc.pre(!text.includes(secret));
        assert.equal(new Redactor([secret]).redact(text), text);
      }),
      { numRuns: propertyRuns(500) },
    );
  });
});

describe('base64Fragments', () => {
  it('finds the secret inside base64 streams at each byte alignment', () => {
    const secret = Buffer.from('correct horse battery staple');
    const fragments = base64Fragments(secret, 'standard');
    assert.equal(fragments.length, 3);
    for (let offset = 0; offset < 3; offset++) {
      const stream = Buffer.concat([Buffer.alloc(offset + 6, 0xab), secret, Buffer.alloc(4, 0xcd)]).toString('base64');
      assert.ok(fragments.some((fragment) => stream.includes(fragment)), `offset ${offset}`);
    }
  });
});

describe('KeywordAutomaton', () => {
  it('reports every occurrence, overlapping ones included, with exact offsets', () => {
    const automaton = new KeywordAutomaton([
      { text: 'he', caseSensitive: true },
      { text: 'she', caseSensitive: true },
      { text: 'his', caseSensitive: true },
      { text: 'hers', caseSensitive: true },
      { text: 'HE', caseSensitive: false },
    ]);
    const found: string[] = [];
    automaton.scan('ushers HIS', (index, start, end) => found.push(`${index}@${start}-${end}`));
    assert.deepEqual(found, ['1@1-4', '0@2-4', '4@2-4', '3@2-6']);
  });

  it('matches keywords containing characters outside ASCII', () => {
    const automaton = new KeywordAutomaton([{ text: 'Zürich€😀', caseSensitive: true }]);
    const found: number[] = [];
    automaton.scan('in Zürich€😀!', (_index, start) => found.push(start));
    assert.deepEqual(found, [3]);
  });

  it('works with no keywords at all', () => {
    new KeywordAutomaton([]).scan('anything', () => assert.fail('no keyword to find'));
  });
});
