import assert from 'node:assert/strict';
import { bundledCatalog } from '../../src/core/catalog/bundled';
import { sinkStepNames, sinksAllowRun, sinksNotice } from '../../src/core/preview/sinkRule';
import { validateWorkflow } from '../../src/core/validate';
import { describeServerSoftware, ServerIdentityCache, type ServerIdentity } from '../../src/core/server/serverIdentity';
import { compareVersions, isOlderThan, parseVersion } from '../../src/core/server/serverVersion';
import type { ServerInfoResult } from '../../src/core/server/types';

describe('server versions (PEP 440)', () => {
  it('orders releases, pre-, post- and dev-releases as Python does', () => {
    const ascending = ['0.9', '0.51.10', '1.3.6', '1.3.7.dev1', '1.3.7a1', '1.3.7b2', '1.3.7rc1.dev2', '1.3.7rc1', '1.3.7', '1.3.7.post1.dev1', '1.3.7.post1', '1.3.8', '1.8.3rc1', '1.8.3', '1.10.0', '1!0.1'];
    for (let i = 0; i + 1 < ascending.length; i++) {
      const [a, b] = [parseVersion(ascending[i])!, parseVersion(ascending[i + 1])!];
      assert.ok(a && b, `${ascending[i]} and ${ascending[i + 1]} parse`);
      assert.equal(compareVersions(a, b), -1, `${ascending[i]} < ${ascending[i + 1]}`);
      assert.equal(compareVersions(b, a), 1, `${ascending[i + 1]} > ${ascending[i]}`);
    }
  });

  it('treats spellings of the same version as equal', () => {
    for (const [a, b] of [
      ['1.3.7', '1.3.7.0'],
      ['1.3', '1.3.0'],
      ['v1.3.7', '1.3.7'],
      ['1.3.7RC1', '1.3.7-rc.1'],
      ['1.3.7-1', '1.3.7.post1'],
      ['1.3.7+cu118', '1.3.7'],
      [' 1.8.3 ', '1.8.3'],
    ]) {
      assert.equal(compareVersions(parseVersion(a)!, parseVersion(b)!), 0, `${a} = ${b}`);
    }
  });

  it('reads each part of a version, release without its trailing zeros', () => {
    assert.deepEqual(parseVersion('1.3.0'), { epoch: 0, release: [1, 3] });
    assert.deepEqual(parseVersion('1.0.0'), { epoch: 0, release: [1] });
    assert.deepEqual(parseVersion('0'), { epoch: 0, release: [0] }, 'a lone zero stays');
    assert.deepEqual(parseVersion('0.0.0'), { epoch: 0, release: [0] });
    assert.deepEqual(parseVersion('2!1.8.3rc2'), { epoch: 2, release: [1, 8, 3], pre: [2, 2] });
    assert.deepEqual(parseVersion('1.3.7b'), { epoch: 0, release: [1, 3, 7], pre: [1, 0] }, 'a pre-release without a number is number 0');
    assert.deepEqual(parseVersion('1.3.7.post3'), { epoch: 0, release: [1, 3, 7], post: 3 });
    assert.deepEqual(parseVersion('1.3.7-4'), { epoch: 0, release: [1, 3, 7], post: 4 });
    assert.deepEqual(parseVersion('1.3.7.post'), { epoch: 0, release: [1, 3, 7], post: 0 });
    assert.deepEqual(parseVersion('1.3.7.dev5'), { epoch: 0, release: [1, 3, 7], dev: 5 });
    assert.deepEqual(parseVersion('1.3.7.dev'), { epoch: 0, release: [1, 3, 7], dev: 0 });
  });

  it('orders by the numbers of pre-, post- and dev-releases, and by release parts one side lacks', () => {
    assert.equal(isOlderThan('1.3.7rc1', '1.3.7rc2'), true);
    assert.equal(isOlderThan('1.3.7rc2', '1.3.7rc1'), false);
    assert.equal(isOlderThan('1.3.7.post1', '1.3.7.post2'), true);
    assert.equal(isOlderThan('1.3.7.dev1', '1.3.7.dev2'), true);
    assert.equal(isOlderThan('1.3', '1.3.1'), true, '1.3 is 1.3.0');
    assert.equal(isOlderThan('1.3.1', '1.3'), false);
  });

  it('compares against a minimum, and says "unknown" for what is not a version', () => {
    assert.equal(isOlderThan('1.3.6', '1.3.7'), true);
    assert.equal(isOlderThan('0.51.10', '1.3.7'), true, 'numeric, not lexical: 51 > 3 but 0 < 1');
    assert.equal(isOlderThan('1.3.10', '1.3.7'), false, 'numeric, not lexical: 10 > 7');
    assert.equal(isOlderThan('1.3.7rc1', '1.3.7'), true, 'a release candidate comes before its release');
    assert.equal(isOlderThan('1.3.7', '1.3.7'), false);
    assert.equal(isOlderThan('1.8.3rc1', '1.3.7'), false);
    for (const unknown of ['', 'latest', '0.99.0-fake', 'dev', '1.x', '1..2']) assert.equal(isOlderThan(unknown, '1.3.7'), undefined, JSON.stringify(unknown));
  });
});

describe('sinks on servers that ignore disable_sinks (< 1.3.7)', () => {
  const workflow = {
    version: '1.0',
    inputs: [{ type: 'WorkflowImage', name: 'image' }],
    steps: [
      { type: 'roboflow_core/roboflow_object_detection_model@v2', name: 'det', images: '$inputs.image', model_id: 'yolov8n-640' },
      { type: 'roboflow_core/webhook_sink@v1', name: 'hook', url: 'https://example.com/hook' },
      { type: 'roboflow_core/email_notification@v2', name: 'mail', subject: 's', receiver_email: 'a@b.c', message: 'm' },
    ],
    outputs: [{ type: 'JsonField', name: 'p', selector: '$steps.det.predictions' }],
  };
  let model: ReturnType<typeof validateWorkflow>['model'];
  beforeEach(() => {
    model = validateWorkflow(JSON.stringify(workflow), bundledCatalog()).model;
  });
  const old: ServerIdentity = { status: 'identified', name: 'Roboflow Inference Server', version: '1.3.2' };
  const recent: ServerIdentity = { status: 'identified', name: 'Roboflow Inference Server', version: '1.8.3' };
  const unanswered: ServerIdentity = { status: 'unidentified', reason: 'GET /info failed: nothing is listening there' };
  const odd: ServerIdentity = { status: 'identified', name: 'Roboflow Inference Server', version: 'main-build' };

  it('finds the sink steps from the catalog\'s block type', () => {
    assert.deepEqual(sinkStepNames(model), ['hook', 'mail']);
    assert.deepEqual(sinkStepNames(validateWorkflow(JSON.stringify({ ...workflow, steps: workflow.steps.slice(0, 1) }), bundledCatalog()).model), []);
  });

  it('refuses a preview on an older server unless sinks may fire, and says why', () => {
    const steps = sinkStepNames(model);
    const refused = sinksAllowRun(old, steps, false);
    assert.equal(refused.ok, false);
    assert.equal(
      !refused.ok && refused.reason,
      'This server (inference 1.3.2) ignores disable_sinks: the 2 sink steps (`hook`, `mail`) would fire. Tick "Let sinks fire" to run anyway, or use a server ≥ 1.3.7.',
    );
    assert.deepEqual(sinksAllowRun(old, steps, true), { ok: true }, 'ticked: the user accepts that they fire');
    assert.deepEqual(sinksAllowRun(old, [], false), { ok: true }, 'no sinks, nothing to fire');
    assert.equal(sinksAllowRun({ ...old, version: '1.3.7rc1' }, steps, false).ok, false, 'a candidate of 1.3.7 is older than 1.3.7');
    assert.equal(sinksAllowRun({ ...old, version: '0.51.10' }, ['hook'], false).ok, false);
  });

  it('runs on 1.3.7 and later, which honour disable_sinks', () => {
    for (const version of ['1.3.7', '1.3.7.post1', '1.8.3', '1.8.3rc1']) assert.deepEqual(sinksAllowRun({ ...recent, version }, ['hook'], false), { ok: true }, version);
    assert.equal(sinksNotice(recent, ['hook'])?.support, 'yes');
  });

  it('warns but runs when the version is unknown, saying why it is unknown', () => {
    for (const identity of [unanswered, odd, undefined]) {
      assert.deepEqual(sinksAllowRun(identity, ['hook'], false), { ok: true });
      const notice = sinksNotice(identity, ['hook'])!;
      assert.equal(notice.support, 'unknown');
      assert.match(notice.message, /version is unknown .*older than inference 1\.3\.7 ignore that: on one, the sink step `hook` would fire/);
    }
    assert.match(sinksNotice(unanswered, ['hook'])!.message, /nothing is listening there/);
    assert.match(sinksNotice(odd, ['hook'])!.message, /"main-build" is not a version/);
    assert.equal(sinksNotice(old, []), undefined, 'nothing to say without sinks');
  });

  it('names the server software', () => {
    assert.equal(describeServerSoftware(recent), 'inference 1.8.3');
    assert.equal(describeServerSoftware({ status: 'identified', name: 'Acme Gateway', version: '2' }), 'Acme Gateway 2');
    assert.equal(describeServerSoftware(unanswered), 'version unknown');
  });
});

describe('server identity cache (GET /info once per URL per session)', () => {
  const answer = (version: string): ServerInfoResult => ({ ok: true, info: { name: 'Roboflow Inference Server', version }, durationMs: 1 });
  const down: ServerInfoResult = { ok: false, kind: 'network', message: 'nothing is listening there', blockErrors: [], durationMs: 1 };
  const notInference: ServerInfoResult = { ok: false, kind: 'http', status: 404, message: 'no /info endpoint', blockErrors: [], durationMs: 1 };

  it('asks each URL once, even when asked twice at the same time', async () => {
    const asked: string[] = [];
    const cache = new ServerIdentityCache(async (url) => {
      asked.push(url);
      return answer(url.endsWith('9001') ? '1.3.2' : '1.8.3');
    });
    assert.equal(cache.peek('http://localhost:9001'), undefined);
    const [a, b] = await Promise.all([cache.lookup('http://localhost:9001'), cache.lookup('http://localhost:9001')]);
    assert.deepEqual(a, { status: 'identified', name: 'Roboflow Inference Server', version: '1.3.2' });
    assert.equal(a, b);
    await cache.lookup('https://serverless.roboflow.com');
    await cache.lookup('http://localhost:9001');
    assert.deepEqual(asked, ['http://localhost:9001', 'https://serverless.roboflow.com']);
    assert.equal(cache.peek('http://localhost:9001'), a);
  });

  it('keeps an answer that is not an inference /info, but asks again a minute after no answer', async () => {
    let now = 0;
    let calls = 0;
    const results = [down, answer('1.8.3')];
    const cache = new ServerIdentityCache(async () => results[Math.min(calls++, 1)], () => now);
    assert.equal((await cache.lookup('u')).status, 'unidentified');
    now = 59_000;
    assert.equal((await cache.lookup('u')).status, 'unidentified');
    assert.equal(calls, 1, 'not asked again within the minute');
    now = 61_000;
    assert.equal((await cache.lookup('u')).status, 'identified');
    assert.equal(calls, 2);

    let asked = 0;
    const other = new ServerIdentityCache(async () => {
      asked++;
      return notInference;
    }, () => now);
    await other.lookup('u');
    now += 3_600_000;
    const again = await other.lookup('u');
    assert.equal(asked, 1);
    assert.deepEqual(again, { status: 'unidentified', reason: 'GET /info failed: no /info endpoint' });
  });

  it('asks again exactly a minute after no answer, whether the server was down, slow or the request cancelled', async () => {
    const timedOut: ServerInfoResult = { ok: false, kind: 'timeout', message: 'did not answer within 10 s', blockErrors: [], durationMs: 10_000 };
    const cancelled: ServerInfoResult = { ok: false, kind: 'cancelled', message: 'The request was cancelled.', blockErrors: [], durationMs: 3 };
    for (const unanswered of [down, timedOut, cancelled]) {
      let now = 1_000;
      let calls = 0;
      const cache = new ServerIdentityCache(async () => (calls++ === 0 ? unanswered : answer('1.8.3')), () => now);
      assert.deepEqual(await cache.lookup('u'), { status: 'unidentified', reason: `GET /info failed: ${unanswered.ok ? '' : unanswered.message}` });
      now = 60_999;
      await cache.lookup('u');
      assert.equal(calls, 1, `${unanswered.ok || unanswered.kind}: not within the minute`);
      now = 61_000;
      assert.equal((await cache.lookup('u')).status, 'identified', `${unanswered.ok || unanswered.kind}: asked again at the minute`);
      assert.equal(calls, 2);
    }
  });

  it('turns a thrown error into "unidentified", and asks again only after a minute', async () => {
    let now = 5_000;
    let calls = 0;
    const cache = new ServerIdentityCache(async () => {
      calls++;
      throw new Error('boom');
    }, () => now);
    assert.deepEqual(await cache.lookup('u'), { status: 'unidentified', reason: 'GET /info failed: boom' });
    await cache.lookup('u');
    now = 64_999;
    await cache.lookup('u');
    assert.equal(calls, 1, 'not within the minute');
    now = 65_000;
    await cache.lookup('u');
    assert.equal(calls, 2);
  });
});
