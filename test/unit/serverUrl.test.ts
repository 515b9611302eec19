import assert from 'node:assert/strict';
import { DEFAULT_SERVER_URL, isLoopbackHostname, normaliseServerUrl } from '../../src/core/server/serverUrl';
import { serverUrlSetIn } from '../../src/core/server/workspaceServerUrl';
import { DEFAULT_API_URL, normaliseApiUrl } from '../../src/core/workspace/apiUrl';

function accepted(input: string | undefined): string {
  const result = normaliseServerUrl(input);
  assert.ok(result.ok, `expected ${input} to be accepted, got: ${result.ok ? '' : result.message}`);
  return result.url;
}

function rejected(input: string): string {
  const result = normaliseServerUrl(input);
  assert.ok(!result.ok, `expected ${input} to be rejected, got ${result.ok ? result.url : ''}`);
  return result.message;
}

describe('normaliseServerUrl', () => {
  it('defaults to Roboflow serverless when empty', () => {
    assert.equal(accepted(undefined), DEFAULT_SERVER_URL);
    assert.equal(accepted('   '), 'https://serverless.roboflow.com');
  });

  it('accepts https anywhere and normalises case, default ports and trailing slashes', () => {
    assert.equal(accepted('https://serverless.roboflow.com/'), 'https://serverless.roboflow.com');
    assert.equal(accepted('HTTPS://Detect.Roboflow.COM:443//'), 'https://detect.roboflow.com');
    assert.equal(accepted('https://inference.example.com:8443/proxy/inference/'), 'https://inference.example.com:8443/proxy/inference');
    assert.equal(accepted('  https://serverless.roboflow.eu  '), 'https://serverless.roboflow.eu');
  });

  it('allows http only for loopback hosts', () => {
    assert.equal(accepted('http://localhost:9001'), 'http://localhost:9001');
    assert.equal(accepted('http://127.0.0.1:9001/'), 'http://127.0.0.1:9001');
    assert.equal(accepted('http://127.1.2.3:9001'), 'http://127.1.2.3:9001');
    assert.equal(accepted('http://127.0.10.1:9001'), 'http://127.0.10.1:9001');
    assert.equal(accepted('http://127.0.0.10:9001'), 'http://127.0.0.10:9001');
    assert.equal(accepted('http://[::ffff:127.0.0.16]:9001'), 'http://[::ffff:7f00:10]:9001');
    assert.equal(accepted('http://[::1]:9001'), 'http://[::1]:9001');
    assert.equal(accepted('http://LOCALHOST:9001'), 'http://localhost:9001');
    assert.match(rejected('http://192.168.1.20:9001'), /https/);
    assert.match(rejected('http://serverless.roboflow.com'), /unencrypted/);
    assert.match(rejected('http://localhost.evil.com:9001'), /https/);
    assert.match(rejected('http://127.0.0.1.nip.io:9001'), /https/);
  });

  it('explains 0.0.0.0 and [::], the addresses servers print when they start', () => {
    assert.equal(rejected('http://0.0.0.0:9001'), '0.0.0.0 is the address a server listens on, not one to connect to. Use http://localhost:9001 instead.');
    assert.equal(rejected('http://[::]:9001'), '[::] is the address a server listens on, not one to connect to. Use http://localhost:9001 instead.');
    assert.equal(rejected('http://0.0.0.0'), '0.0.0.0 is the address a server listens on, not one to connect to. Use http://localhost instead.');
  });

  it('reports whether the server is on this machine', () => {
    const local = normaliseServerUrl('http://localhost:9001');
    const remote = normaliseServerUrl('https://serverless.roboflow.com');
    assert.ok(local.ok && local.isLoopback);
    assert.ok(remote.ok && !remote.isLoopback);
  });

  it('adds a scheme when it is missing: http for this machine, https elsewhere', () => {
    assert.equal(accepted('localhost:9001'), 'http://localhost:9001');
    assert.equal(accepted('127.0.0.1:9001'), 'http://127.0.0.1:9001');
    assert.equal(accepted('inference.example.com'), 'https://inference.example.com');
  });

  it('rejects credentials, query strings and fragments, which would leak into logs', () => {
    assert.match(rejected('https://user:pass@inference.example.com'), /user name or password/);
    assert.match(rejected('https://apikey@inference.example.com'), /user name or password/);
    assert.equal(
      rejected('https://:s3cret@inference.example.com'),
      'The server URL must not contain a user name or password. Remove them; the API key is stored separately and sent in the request, never in the URL.',
    );
    assert.match(rejected('https://serverless.roboflow.com/?api_key=abc'), /query string/);
    assert.match(rejected('https://serverless.roboflow.com/?'), /query string/);
    assert.match(rejected('https://serverless.roboflow.com/#frag'), /query string or fragment/);
  });

  it('rejects other schemes and garbage', () => {
    assert.match(rejected('ftp://example.com'), /https:\/\//);
    assert.match(rejected('file:///etc/passwd'), /https:\/\//);
    assert.match(rejected('javascript://alert(1)'), /https:\/\//);
    assert.match(rejected('https://'), /not a valid server URL/);
    assert.match(rejected('http://exa mple.com'), /not a valid server URL/);
    assert.equal(rejected('exa mple.com'), '"exa mple.com" is not a valid server URL. Example: https://serverless.roboflow.com or http://localhost:9001.');
    assert.equal(
      rejected('URL: https://inference.example.com'),
      '"URL: https://inference.example.com" is not a valid server URL. Example: https://serverless.roboflow.com or http://localhost:9001.',
      'a label copied with the URL',
    );
  });

  it('rejects a host no DNS name spells, such as a URL pasted with its quotes', () => {
    const notValid = (input: string) => `"${input}" is not a valid server URL. Example: https://serverless.roboflow.com or http://localhost:9001.`;
    for (const input of ['"https://inference.example.com"', "'https://inference.example.com'", 'https://inference.example.com,', 'https://(inference).example.com', 'https://infer*ence.example.com']) {
      assert.equal(rejected(input), notValid(input));
    }
    assert.equal(accepted('https://inference-2.gpu_pool.example.com.'), 'https://inference-2.gpu_pool.example.com.');
    assert.equal(accepted('https://BÜCHER.example'), 'https://xn--bcher-kva.example', 'an international name, in its ASCII form');
    assert.equal(accepted('http://[::1]:9001'), 'http://[::1]:9001');
    assert.equal(accepted('https://[2001:db8::a1]:8443'), 'https://[2001:db8::a1]:8443');
  });

  it('never echoes a credential it rejects', () => {
    assert.doesNotMatch(rejected('https://me:s3cretPassw0rd@example.com'), /s3cretPassw0rd/);
    assert.doesNotMatch(rejected('https://example.com/?api_key=s3cretKey123'), /s3cretKey123/);
  });
});

describe('isLoopbackHostname', () => {
  it('knows localhost, 127.0.0.0/8 and ::1, including IPv4-mapped IPv6', () => {
    for (const host of ['localhost', '127.0.0.1', '127.255.0.9', '[::1]', '[::ffff:7f00:1]']) assert.ok(isLoopbackHostname(host), host);
    for (const host of ['example.com', '10.0.0.1', '0.0.0.0', '[::]', '128.0.0.1', 'localhost.example.com', '[::ffff:a00:1]', '1127.0.0.1', 'x[::ffff:7f00:1]', '[::ffff:7f00:1].example']) {
      assert.ok(!isLoopbackHostname(host), host);
    }
  });
});

describe('server URL: a workspace that sets it (ignored, but said)', () => {
  it('finds the flat and the nested spelling, with comments, the last copy winning', () => {
    assert.equal(serverUrlSetIn('{\n  // repo\n  "roboflowWorkflows.serverUrl": "https://evil.example",\n}'), 'https://evil.example');
    assert.equal(serverUrlSetIn('{ "roboflowWorkflows": { "serverUrl": "http://10.0.0.2:9001" } }'), 'http://10.0.0.2:9001');
    assert.equal(serverUrlSetIn('{ "roboflowWorkflows.serverUrl": "a", "roboflowWorkflows.serverUrl": "b" }'), 'b');
    assert.equal(serverUrlSetIn('{ "folders": [], "settings": { "roboflowWorkflows.serverUrl": "https://ws.example" } }', ['settings']), 'https://ws.example');
    assert.equal(serverUrlSetIn(`{ "roboflowWorkflows.serverUrl": "${'x'.repeat(300)}" }`), 'x'.repeat(200));
    assert.equal(serverUrlSetIn('{ "roboflowWorkflows.serverUrl": 9001 }'), '9001');
  });

  it('finds nothing where nothing is set, whatever the keys', () => {
    for (const text of ['', '[]', '"https://evil.example"', '{}', '{ "roboflowWorkflows.serverUrl": "" }', '{ "roboflowWorkflows.serverUrl": " \\t " }', '{ "roboflowWorkflows.serverUrl": null }', '{ "toString": "x", "__proto__": { "serverUrl": "y" } }', '{ "roboflowWorkflows": { "toString": "x" } }', '{ "roboflowWorkflows": "x" }', '{ "settings": 1 }']) {
      assert.equal(serverUrlSetIn(text), undefined, text);
      assert.equal(serverUrlSetIn(text, ['settings']), undefined, text);
    }
  });
});

describe('Roboflow API URL: the server URL\'s rules, in its own words', () => {
  it('defaults to api.roboflow.com when empty or blank', () => {
    for (const input of [undefined, '', '   ']) assert.deepEqual(normaliseApiUrl(input), { ok: true, url: DEFAULT_API_URL, isLoopback: false });
    assert.equal(DEFAULT_API_URL, 'https://api.roboflow.com');
  });

  it('keeps https and this machine, and refuses what would expose the key, naming the setting', () => {
    assert.deepEqual(normaliseApiUrl(' https://api.example.com/ '), normaliseServerUrl('https://api.example.com/'));
    assert.equal((normaliseApiUrl('http://localhost:8080') as { isLoopback: boolean }).isLoopback, true);
    assert.deepEqual(normaliseApiUrl('http://api.example.com'), {
      ok: false,
      message: 'Use https:// for api.example.com: plain http would send your API key unencrypted. http:// is allowed only for this machine (localhost, 127.0.0.1, ::1).',
    });
    assert.deepEqual(normaliseApiUrl('not a url'), { ok: false, message: '"not a url" is not a valid Roboflow API URL. Example: https://api.roboflow.com.' });
    const query = normaliseApiUrl('https://api.example.com/?api_key=x');
    assert.equal(query.ok, false);
    assert.match((query as { message: string }).message, /^The Roboflow API URL must not contain a query string/);
  });
});
