// The spellings a secret is looked for in, checked against the encoders that produce them: Python's
// own repr/ascii/json/urllib/html (python3, as the engine stage needs), Node's URL and Buffer encoders.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { base64Fragments } from '../../src/core/redaction/base64Fragments';
import { hexForms } from '../../src/core/redaction/hexEncodings';
import { htmlEscapedForms } from '../../src/core/redaction/htmlEscapes';
import { jsonEscapedForms } from '../../src/core/redaction/jsonEscapes';
import { maskSpans } from '../../src/core/redaction/maskSpans';
import { percentEncodedForms } from '../../src/core/redaction/percentEncodings';
import { pythonReprForms } from '../../src/core/redaction/pythonReprs';
import { utf16InterleavedForms } from '../../src/core/redaction/utf16Forms';

const SAMPLES = ['sk-abc/def+ghi=', "it's", 'both \' and "', 'tab\there\nnew\rline\\', 'pé€😀', 'a&b<c>d', 'spa ce~*()!\'', 'del\x7fctl\x01', 'x\u2028y`z'];

const PYTHON = String.raw`
import html, json, sys, urllib.parse
out = []
for s in json.load(sys.stdin):
    out.append({
        "repr": repr(s)[1:-1], "ascii": ascii(s)[1:-1], "bytes": repr(s.encode())[2:-1],
        "json": json.dumps(s)[1:-1], "json_utf8": json.dumps(s, ensure_ascii=False)[1:-1],
        "json_twice": json.dumps(json.dumps(s))[3:-3],
        "quote": urllib.parse.quote(s), "quote_plus": urllib.parse.quote_plus(s),
        "html": html.escape(s), "html_text": html.escape(s, quote=False),
    })
print(json.dumps(out))
`;

/** `text` as it reads between the quotes of a JSON string. */
const escaped = (text: string) => JSON.stringify(text).slice(1, -1);

type PythonForms = Record<'repr' | 'ascii' | 'bytes' | 'json' | 'json_utf8' | 'json_twice' | 'quote' | 'quote_plus' | 'html' | 'html_text', string>;

/** Every form in `expected` that is not the plain text must be among `forms`. */
function assertIncludes(forms: string[], expected: Record<string, string>, plain: string): void {
  for (const [encoder, form] of Object.entries(expected)) {
    if (form !== plain) assert.ok(forms.includes(form), `${encoder} of ${JSON.stringify(plain)} is ${JSON.stringify(form)}, not among ${JSON.stringify(forms)}`);
  }
  assert.ok(!forms.includes(plain), 'the plain text is not an encoded form');
  assert.equal(new Set(forms).size, forms.length, 'each form once');
}

describe('redaction: the encoded spellings of a secret, against the real encoders', function () {
  this.timeout(30_000);
  let python: PythonForms[];
  before(() => {
    const run = spawnSync('python3', ['-c', PYTHON], { input: JSON.stringify(SAMPLES), encoding: 'utf8' });
    assert.equal(run.status, 0, `python3 failed: ${run.error?.message ?? run.stderr}`);
    python = JSON.parse(run.stdout) as PythonForms[];
  });

  it('Python\'s repr and ascii of str, and repr of the UTF-8 bytes', () => {
    SAMPLES.forEach((sample, i) => {
      const { repr, ascii, bytes } = python[i];
      assertIncludes(pythonReprForms(sample), { repr, ascii, bytes }, sample);
    });
    // Both quote spellings, as Python escapes ' only when the text also holds ".
    assert.deepEqual(pythonReprForms("it's"), ["it\\'s"]);
    assert.deepEqual(pythonReprForms('é'), ['\\xe9', '\\xc3\\xa9']);
  });

  it('JSON as Python and JavaScript write it, once and nested, and as Go and .NET escape it', () => {
    SAMPLES.forEach((sample, i) => {
      const { json, json_utf8: utf8, json_twice: twice } = python[i];
      assertIncludes(jsonEscapedForms(sample), { json, utf8, twice, javascript: escaped(sample), thrice: escaped(escaped(escaped(sample))) }, sample);
    });
    const forms = jsonEscapedForms('é/<"\u2028');
    for (const form of ['\\u00e9/<\\"\\u2028', '\\u00E9/<\\"\\u2028', 'é\\/<\\"\u2028', 'é/\\u003c\\"\\u2028', '\\u00E9/\\u003C\\u0022\\u2028']) {
      assert.ok(forms.includes(form), `${form} (ensure_ascii lower and upper, PHP's \\/, Go's HTML-safe, .NET's default) among ${JSON.stringify(forms)}`);
    }
    assert.deepEqual(jsonEscapedForms('plain'), [], 'nothing to escape: no other spelling');
  });

  it('percent-encoding as browsers, forms and Python write it, in both hex cases, and twice', () => {
    SAMPLES.forEach((sample, i) => {
      const { quote, quote_plus: quotePlus } = python[i];
      const component = encodeURIComponent(sample);
      const form = new URLSearchParams({ k: sample }).toString().slice(2);
      assertIncludes(
        percentEncodedForms(sample),
        { quote, quotePlus, component, form, lower: component.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase()), twice: encodeURIComponent(component) },
        sample,
      );
    });
  });

  it('HTML escaping with each library\'s quotes, and none', () => {
    SAMPLES.forEach((sample, i) => {
      const { html, html_text: text } = python[i];
      assertIncludes(htmlEscapedForms(sample), { html, text }, sample);
    });
    assert.deepEqual(htmlEscapedForms('a"b\'c&').sort(), ['a&#34;b&#39;c&amp;', 'a&quot;b&#39;c&amp;', 'a&quot;b&#x27;c&amp;', 'a"b\'c&amp;'].sort());
    assert.deepEqual(htmlEscapedForms('plain'), []);
  });

  it('hex in both cases, and UTF-16 printed as bytes', () => {
    assert.deepEqual(hexForms(Buffer.from('Ké')), ['4bc3a9', '4BC3A9']);
    const secret = 'sk-Abc9';
    const [interleaved] = utf16InterleavedForms(secret);
    assert.ok(Buffer.from(secret, 'utf16le').toString('latin1').includes(interleaved), 'little-endian');
    assert.ok(Buffer.from(secret, 'utf16le').swap16().toString('latin1').includes(interleaved), 'big-endian');
    assert.equal(interleaved, 's\0k\0-\0A\0b\0c\x009');
    assert.deepEqual(utf16InterleavedForms('é-secret'), [], 'only printable ASCII has this spelling');
    assert.deepEqual(utf16InterleavedForms('x'), []);
    assert.deepEqual(utf16InterleavedForms('xy'), ['x\0y']);
  });

  it('base64: a stable piece of the secret for every alignment in a larger stream, in both alphabets', () => {
    const secret = Buffer.from('sk-ant-api03-\xff\xfe\xfdZ', 'latin1');
    for (const alphabet of ['standard', 'url-safe'] as const) {
      const fragments = base64Fragments(secret, alphabet);
      assert.equal(fragments.length, 3);
      for (let before = 0; before < 6; before++) {
        for (let after = 0; after < 3; after++) {
          const stream = Buffer.concat([Buffer.alloc(before, 0x41 + before), secret, Buffer.alloc(after, 0x7a)]).toString(alphabet === 'standard' ? 'base64' : 'base64url');
          const found = fragments.filter((f) => stream.includes(f));
          assert.ok(found.length >= 1, `${alphabet}, ${before} bytes before, ${after} after: none of ${fragments} in ${stream}`);
        }
      }
    }
    // base64 of 'abcdef' after 0, 1 and 2 zero bytes: YWJjZGVm, AGFiY2RlZg==, AABhYmNkZWY=; the characters made only of its bits.
    assert.deepEqual(base64Fragments(Buffer.from('abcdef'), 'standard'), ['YWJjZGVm', 'FiY2RlZ', 'hYmNkZW']);
    // fb ff: +/8= (-_8=), APv/ (APv_), AAD7/w== (AAD7_w==).
    assert.deepEqual(base64Fragments(Buffer.from([0xfb, 0xff]), 'standard'), ['+/', 'v/', '7/']);
    assert.deepEqual(base64Fragments(Buffer.from([0xfb, 0xff]), 'url-safe'), ['-_', 'v_', '7_']);
    assert.deepEqual(base64Fragments(Buffer.from('a'), 'standard'), ['Y', 'h'], 'one byte after one other (AGE=) has no character of its own');
  });
});

describe('redaction: masking spans', () => {
  it('masks each span, merging overlapping, touching and nested ones, in any order', () => {
    const text = '0123456789abcdef';
    const mask = (...spans: [number, number][]) => maskSpans(text, spans.map(([start, end]) => ({ start, end })), '#');
    assert.equal(mask(), text);
    assert.equal(mask([2, 4]), '01#456789abcdef');
    assert.equal(mask([8, 10], [2, 4]), '01#4567#abcdef', 'unsorted');
    assert.equal(mask([2, 4], [4, 6]), '01#6789abcdef', 'touching spans are one mask');
    assert.equal(mask([2, 6], [3, 4]), '01#6789abcdef', 'nested');
    assert.equal(mask([2, 5], [4, 8], [1, 3]), '0#89abcdef', 'chained overlaps');
    assert.equal(mask([0, 16]), '#');
    assert.equal(mask([14, 16], [0, 1]), '#123456789abcd#');
    assert.equal(mask([3, 9], [3, 5]), '012#9abcdef', 'same start, the longer kept');
  });
});
