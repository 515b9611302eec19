/**
 * Redaction benchmark: the single-pass `Redactor` against the obvious approach (one
 * `replaceAll` per secret spelling, then one regex pass per credential pattern) on a realistic
 * inference-server response: JSON with base64 JPEG-sized images, thousands of detections and
 * error text, with secrets sprinkled in raw, JSON-escaped, URL-encoded and base64 forms.
 */
import { performance } from 'node:perf_hooks';
import { Redactor, REDACTED } from '../src/core/redaction/redactor';
import { secretSpellings, secretVariants } from '../src/core/redaction/secretVariants';
import { findLeak } from '../test/support/secretLeaks';
import { median, table } from './measure';

export interface Row {
  name: string;
  medianMs: number;
  note?: string;
}

const MB = 1024 * 1024;

/** Deterministic pseudo-random numbers (xorshift32) so every run benchmarks the same text. */
function randomSource(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x1_0000_0000;
  };
}

function randomBytes(random: () => number, length: number): Buffer {
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) bytes[i] = Math.floor(random() * 256);
  return bytes;
}

function randomAlphanumeric(random: () => number, length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let text = '';
  for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
  return text;
}

/** Twenty credentials of the kinds a workflow uses: Roboflow, OpenAI, Anthropic, Twilio, SMTP, AWS... */
export function benchmarkSecrets(): string[] {
  const random = randomSource(7);
  const secrets: string[] = [];
  for (let i = 0; i < 6; i++) secrets.push(randomAlphanumeric(random, 20));
  secrets.push(`sk-proj-${randomAlphanumeric(random, 48)}`, `sk-${randomAlphanumeric(random, 48)}`);
  secrets.push(`sk-ant-api03-${randomAlphanumeric(random, 80)}`, `sk-ant-api03-${randomAlphanumeric(random, 80)}`);
  secrets.push(`AC${randomBytes(random, 16).toString('hex')}`, randomBytes(random, 16).toString('hex'));
  secrets.push(`xoxb-${randomAlphanumeric(random, 40)}`, 'p@ss w0rd!/"quoted"', 'Zürich-Passwort 2024!');
  secrets.push(`AKIA${randomAlphanumeric(random, 16).toUpperCase()}`, `${randomAlphanumeric(random, 30)}/+${randomAlphanumeric(random, 8)}`);
  secrets.push(`AIza${randomAlphanumeric(random, 35)}`, `mqtt-${randomAlphanumeric(random, 12)}`, randomAlphanumeric(random, 32));
  return secrets;
}

/** Breaks `text` into lines of `column` characters. */
function wrapLines(text: string, column: number, lineBreak: string): string {
  return (text.match(new RegExp(`.{1,${column}}`, 'gs')) ?? []).join(lineBreak);
}

/** How many spellings `leakedSpelling` knows. */
const SPELLING_COUNT = 9;

/** One spelling of `secret` as a server might echo it, chosen by `variant`. */
export function leakedSpelling(secret: string, variant: number, random: () => number): string {
  switch (variant % SPELLING_COUNT) {
    case 6: {
      const before = randomBytes(random, Math.floor(random() * 60));
      return wrapLines(Buffer.concat([before, Buffer.from(secret), randomBytes(random, 30)]).toString('base64'), 76, '\\r\\n');
    }
    case 7: {
      const before = randomBytes(random, Math.floor(random() * 60));
      return `-----BEGIN DATA-----\n${wrapLines(Buffer.concat([before, Buffer.from(secret), randomBytes(random, 30)]).toString('base64'), 64, '\n')}\n-----END DATA-----`;
    }
    case 8:
      return `payload=${Buffer.from(secret).toString('hex')}`;
    case 0:
      return secret;
    case 1:
      return `https://api.roboflow.com/ort/coco/3?api_key=${encodeURIComponent(secret)}&nocache=true`;
    case 2:
      return `Authorization: Bearer ${secret}`;
    case 3:
      return new URLSearchParams({ password: secret }).toString();
    case 4: {
      const before = randomBytes(random, Math.floor(random() * 3) + 5);
      return Buffer.concat([before, Buffer.from(secret), randomBytes(random, 7)]).toString('base64');
    }
    default: {
      const before = randomBytes(random, Math.floor(random() * 3) + 5);
      return Buffer.concat([before, Buffer.from(secret), randomBytes(random, 7)]).toString('base64url');
    }
  }
}

function detections(random: () => number, count: number): object[] {
  return Array.from({ length: count }, (_, i) => ({
    x: Math.round(random() * 6400) / 10,
    y: Math.round(random() * 4800) / 10,
    width: Math.round(random() * 2000) / 10,
    height: Math.round(random() * 2000) / 10,
    confidence: Math.round(random() * 1000) / 1000,
    class_id: i % 80,
    class: ['person', 'car', 'dog', 'bicycle'][i % 4],
    detection_id: `${randomBytes(random, 16).toString('hex')}`,
    parent_id: 'image',
  }));
}

/** A `/workflows/run` response body of `targetBytes` (within a few bytes), with secrets leaked in many spellings. */
export function syntheticResponse(targetBytes: number, secrets: readonly string[]): string {
  const random = randomSource(42);
  const outputs: object[] = [];
  const envelopeBytes = '{"outputs":[]}'.length;
  let size = envelopeBytes;
  let leak = 0;
  for (;;) {
    const leaks = secrets.map((secret) => leakedSpelling(secret, leak++, random));
    const element = {
      annotated_image: { type: 'base64', value: randomBytes(random, 300_000).toString('base64'), video_metadata: { video_identifier: 'image', frame_number: 0 } },
      crops: Array.from({ length: 4 }, () => ({ type: 'base64', value: randomBytes(random, 30_000).toString('base64'), parent_id: 'image' })),
      predictions: { image: { width: 640, height: 480 }, predictions: detections(random, 500) },
      llm_output: `The model said: ${leaks.slice(0, 10).join(' … ')}`,
      traceback: `Traceback (most recent call last):\n  File "openai/_base_client.py", line 1047\n    ${leaks.slice(10).join('\n    ')}\nopenai.AuthenticationError: Error code: 401`,
    };
    const elementBytes = JSON.stringify(element).length + 1;
    if (size + elementBytes > targetBytes) break;
    outputs.push(element);
    size += elementBytes;
  }
  // Top up with one more image so the body has the requested size.
  const padding = { image: { type: 'base64', value: '' } };
  const paddingChars = Math.max(0, targetBytes - size - JSON.stringify(padding).length - 1);
  padding.image.value = randomBytes(random, Math.floor(paddingChars / 4) * 3).toString('base64');
  outputs.push(padding);
  return JSON.stringify({ outputs });
}

const VALUE = String.raw`[^\s"'\\&#<>,;()\[\]{}][^\s"'\\&#<>,;()\[\]{}]*`;
const ASSIGNMENT = String.raw`(?:\\*["'])?[ \t]*(?:[:=]|%3[Dd])[ \t]*(?:\\*["'])?`;

/** The naive approach: one pass per secret spelling, then one regex pass per credential pattern. */
export function naiveRedact(text: string, secrets: readonly string[]): string {
  const spellings = [...new Set(secrets.flatMap(secretVariants))].sort((a, b) => b.length - a.length);
  let redacted = text;
  for (const spelling of spellings) redacted = redacted.replaceAll(spelling, REDACTED);
  const keepPrefix = (_match: string, prefix: string): string => `${prefix}${REDACTED}`;
  redacted = redacted.replace(new RegExp(`((?:api_key|apikey|api-key|_token|_secret|secret_access_key|password)${ASSIGNMENT})${VALUE}`, 'gi'), keepPrefix);
  redacted = redacted.replace(new RegExp(`([?&;](?:key|token)=)${VALUE}`, 'gi'), keepPrefix);
  redacted = redacted.replace(/(\bbearer(?:[ \t]+|%20|\+))[A-Za-z0-9\-._~+/]+=*/gi, keepPrefix);
  redacted = redacted.replace(new RegExp(`(\\bauthorization${ASSIGNMENT}(?:(?:basic|token|digest)[ \\t]+)?)${VALUE}`, 'gi'), keepPrefix);
  redacted = redacted.replace(/((?<![A-Za-z0-9_-])sk-)[A-Za-z0-9_-]{12,}/g, keepPrefix);
  redacted = redacted.replace(new RegExp(`(rf_key:user:)${VALUE}`, 'g'), keepPrefix);
  return redacted;
}

/** A server log of `targetBytes`: access lines, debug dumps and tracebacks, with a secret leaked
 * every few lines in one of the spellings above (wrapped base64, hex, URL-encoded...). */
export function syntheticLog(targetBytes: number, secrets: readonly string[]): string {
  const random = randomSource(99);
  const lines: string[] = [];
  let size = 0;
  for (let n = 0; size < targetBytes; n++) {
    const time = new Date(Date.UTC(2026, 9, 12, 10, 0, 0, n * 37)).toISOString();
    let line: string;
    if (n % 7 === 3) {
      line = `${time} ERROR [workflows] step llm failed: ${leakedSpelling(secrets[n % secrets.length], n, random)}`;
    } else if (n % 5 === 1) {
      line = `${time} DEBUG [http] request body={"image": {"type": "base64", "value": "${randomBytes(random, 600).toString('base64')}"}, "confidence": 0.4}`;
    } else {
      line = `${time} INFO  [uvicorn] 172.17.0.${n % 250}:${40000 + (n % 20000)} - "POST /workflows/run HTTP/1.1" 200 request_id=${randomBytes(random, 16).toString('hex')}`;
    }
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** What the packed view skips and decodes, spelled as regular expressions. */
const SEPARATOR = String.raw`(?:[\s:]|\\+[nrtx]|%(?:25)*(?:0[9aAdD]|20|3[aA]))*`;
const PLUS = String.raw`(?:[+\-]|%(?:25)*2[bB]|\\+u002[bB]|&#(?:[xX]2[bB]|43);)`;
const SLASH = String.raw`(?:[/_]|\\+\/|%(?:25)*2[fF]|\\+u002[fF]|&#(?:[xX]2[fF]|47);)`;

/**
 * ONE JavaScript RegExp built from the same spellings as the Redactor: an alternation of every
 * escaped text spelling and base64/hex spelling, longest first. `wrapTolerant` lets a separator
 * (a line break, raw, JSON-escaped or percent-encoded, a space, `:` or `\x`) fall between any two
 * characters of a base64 or hex spelling, and reads `%2B`, `\/`, `\u002B`, `&#x2F;` and the
 * URL-safe alphabet, which is what the Redactor's packed view does. Credential patterns are left
 * out, so the regex does less work than the Redactor.
 */
export function combinedRegExp(secrets: readonly string[], wrapTolerant: boolean): RegExp {
  const text = new Set<string>();
  const packed = new Set<string>();
  for (const secret of secrets) {
    const spellings = secretSpellings(secret);
    for (const spelling of spellings.text) text.add(spelling);
    for (const spelling of spellings.packed) packed.add(spelling);
  }
  const alternatives = [...text].sort((a, b) => b.length - a.length).map(escapeRegExp);
  for (const spelling of [...packed].sort((a, b) => b.length - a.length)) {
    if (!wrapTolerant) {
      alternatives.push(escapeRegExp(spelling), escapeRegExp(spelling.replaceAll('+', '-').replaceAll('/', '_')));
      continue;
    }
    const characters = [...spelling].map((character) => (character === '+' ? PLUS : character === '/' ? SLASH : character));
    alternatives.push(characters.join(SEPARATOR));
  }
  return new RegExp(alternatives.join('|'), 'g');
}

interface Spread {
  medianMs: number;
  p10Ms: number;
  p90Ms: number;
  minMs: number;
  maxMs: number;
}

function spread(times: number[]): Spread {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (fraction: number) => sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
  return { medianMs: at(0.5), p10Ms: at(0.1), p90Ms: at(0.9), minMs: sorted[0], maxMs: sorted[sorted.length - 1] };
}

/** Runs every contender once per round, in a rotating order, so drifting load hits all alike. */
function interleaved(contenders: ReadonlyArray<[string, () => unknown]>, rounds: number): Map<string, Spread> {
  const times = new Map<string, number[]>(contenders.map(([name]) => [name, []]));
  for (const [, run] of contenders) run(); // warm-up
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < contenders.length; k++) {
      const [name, run] = contenders[(round + k) % contenders.length];
      const start = performance.now();
      run();
      times.get(name)!.push(performance.now() - start);
    }
  }
  return new Map([...times].map(([name, list]) => [name, spread(list)]));
}

/** Of every leaked spelling of every secret, how many a matcher leaves recoverable (by the tests' oracle). */
function missedSpellings(redact: (text: string) => string, secrets: readonly string[]): string {
  const random = randomSource(5);
  let missed = 0;
  let total = 0;
  for (const secret of secrets) {
    for (let variant = 0; variant < SPELLING_COUNT * 3; variant++) {
      total++;
      if (findLeak(redact(leakedSpelling(secret, variant, random)), secret) !== undefined) missed++;
    }
  }
  return `${missed} of ${total} leaked spellings recoverable`;
}

export interface ComparisonRow {
  payload: string;
  matcher: string;
  spread: Spread;
  missed: string;
}

/** The single-pass Redactor against one combined RegExp of the same spellings and against
 * repeated passes, interleaved, on a 1 MB server response and a 1 MB log. */
export function compareWithRegExp(rounds = 15): ComparisonRow[] {
  const secrets = benchmarkSecrets();
  const redactor = new Redactor(secrets);
  const plain = combinedRegExp(secrets, false);
  const tolerant = combinedRegExp(secrets, true);
  const matchers: Array<[string, (text: string) => string]> = [
    ['Redactor (single pass, two views)', (text) => redactor.redact(text)],
    ['one combined RegExp, wrap-tolerant', (text) => text.replace(tolerant, REDACTED)],
    ['one combined RegExp, exact spellings', (text) => text.replace(plain, REDACTED)],
    ['repeated passes (replaceAll per spelling + regex per pattern)', (text) => naiveRedact(text, secrets)],
  ];
  const missed = new Map(matchers.map(([name, redact]) => [name, missedSpellings(redact, secrets)]));
  const rows: ComparisonRow[] = [];
  for (const [payload, text] of [
    ['1 MB /workflows/run response (base64 images)', syntheticResponse(MB, secrets)],
    ['1 MB server log', syntheticLog(MB, secrets)],
  ] as const) {
    const results = interleaved(matchers.map(([name, redact]) => [name, () => redact(text)]), rounds);
    for (const [name] of matchers) rows.push({ payload, matcher: name, spread: results.get(name)!, missed: missed.get(name)! });
  }
  return rows;
}

function leakCount(text: string, secrets: readonly string[]): number {
  return secrets.reduce((count, secret) => count + text.split(secret).length - 1, 0);
}

export async function runRedactionBench(): Promise<Row[]> {
  const secrets = benchmarkSecrets();
  const rows: Row[] = [];
  const buildStart = performance.now();
  new Redactor(secrets).redact('warm');
  rows.push({ name: 'build the matcher for 20 secrets (once per run)', medianMs: performance.now() - buildStart });

  for (const megabytes of [10, 20]) {
    const text = syntheticResponse(megabytes * MB, secrets);
    const redactor = new Redactor(secrets);
    const redacted = redactor.redact(text);
    const naive = naiveRedact(text, secrets);
    const redactorMs = median(7, () => redactor.redact(text));
    const naiveMs = median(3, () => naiveRedact(text, secrets));
    const size = `${(text.length / MB).toFixed(1)} MB`;
    rows.push({ name: `Redactor.redact, ${size} response, 20 secrets`, medianMs: redactorMs, note: `${leakCount(redacted, secrets)} raw leaks left` });
    rows.push({ name: `naive: replaceAll per spelling + regex per pattern, ${size}`, medianMs: naiveMs, note: `${leakCount(naive, secrets)} raw leaks left; Redactor ${(naiveMs / redactorMs).toFixed(1)}x faster` });
    if (megabytes === 20) {
      const parsed: unknown = JSON.parse(text);
      rows.push({ name: `Redactor.redactDeep on the parsed ${size} response`, medianMs: median(5, () => redactor.redactDeep(parsed)) });
    }
  }
  printTable(rows);

  const comparison = compareWithRegExp();
  console.log('\nSingle pass against one combined RegExp of the same spellings, interleaved, 15 rounds each');
  console.log(
    table(
      ['payload', 'matcher', 'median', 'p10–p90', 'min–max', 'leaks'],
      comparison.map(({ payload, matcher, spread: s, missed }) => [payload, matcher, `${s.medianMs.toFixed(1)} ms`, `${s.p10Ms.toFixed(1)}–${s.p90Ms.toFixed(1)} ms`, `${s.minMs.toFixed(1)}–${s.maxMs.toFixed(1)} ms`, missed]),
    ),
  );
  return rows;
}

function printTable(rows: readonly Row[]): void {
  console.log(table(['redaction', 'median', 'note'], rows.map((row) => [row.name, `${row.medianMs.toFixed(1)} ms`, row.note ?? ''])));
}
