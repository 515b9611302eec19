import assert from 'node:assert/strict';
import { excerptOfText, parseErrorBody } from '../../src/core/server/errorBody';
import { describeNetworkError, networkErrorCode } from '../../src/core/server/networkErrors';
import { attributeBlockErrorsToSteps } from '../../src/core/server/stepAttribution';
import type { BlockError } from '../../src/core/server/types';

describe('server: reading error bodies', () => {
  it('reads the full WorkflowErrorResponse, dropping "None" and blank fields', () => {
    const parsed = parseErrorBody({
      message: ' Invalid reference ',
      error_type: 'InvalidReferenceTargetError',
      context: 'workflow_compilation | execution_graph_construction',
      inner_error_type: 'None',
      inner_error_message: '  ',
      blocks_errors: [
        { block_id: 'boxes', block_type: 'roboflow_core/bounding_box_visualization@v1', property_name: 'predictions', property_details: 'Invalid reference to $steps.nope', block_details: 'ignored when the property has details' },
        { block_id: 'py', block_type: 'None', property_name: null, block_details: 'boom', block_traceback: { traceback: 'Traceback…', stdout: 'printed', stderr: ' ' } },
        'not an entry',
        null,
      ],
      python_blocks_output_streams: { py: { stdout: 'x' } },
      python_blocks_debug_traces: null,
    });
    assert.deepEqual(parsed, {
      serverMessage: 'Invalid reference',
      errorType: 'InvalidReferenceTargetError',
      context: 'workflow_compilation | execution_graph_construction',
      blockErrors: [
        { blockId: 'boxes', blockType: 'roboflow_core/bounding_box_visualization@v1', propertyName: 'predictions', details: 'Invalid reference to $steps.nope' },
        { blockId: 'py', blockType: null, propertyName: null, details: 'boom', traceback: 'Traceback…', stdout: 'printed' },
      ],
      pythonBlocksOutputStreams: { py: { stdout: 'x' } },
    });
    assert.deepEqual(parseErrorBody({ blocks_errors: [{ block_traceback: { stderr: 'err' } }] }).blockErrors, [{ blockId: null, blockType: null, propertyName: null, details: null, stderr: 'err' }]);
    assert.deepEqual(parseErrorBody({ python_blocks_debug_traces: ['t'] }), { blockErrors: [], pythonBlocksDebugTraces: ['t'] });
  });

  it('reads the short forms: {message}, hosted {status, message}, FastAPI {detail} as text or as 422 issues', () => {
    assert.deepEqual(parseErrorBody({ message: 'Not found' }), { serverMessage: 'Not found', blockErrors: [] });
    assert.deepEqual(parseErrorBody({ status: 401, message: 'Unauthorized' }), { serverMessage: 'Unauthorized', blockErrors: [] });
    assert.deepEqual(parseErrorBody({ detail: 'Method Not Allowed' }), { serverMessage: 'Method Not Allowed', blockErrors: [] });
    assert.deepEqual(parseErrorBody({ detail: [{ loc: ['body', 'inputs', 0], msg: 'Field required', type: 'missing' }, { loc: 'body', msg: 7 }, 'junk'] }), {
      blockErrors: [],
      validationIssues: [
        { location: 'body.inputs.0', message: 'Field required' },
        { location: '', message: 'invalid' },
      ],
    });
    assert.deepEqual(parseErrorBody({ message: 'm', detail: 'd' }).serverMessage, 'm', 'message wins over detail');
  });

  it('leaves out the null python_blocks_* fields of every dumped WorkflowErrorResponse', () => {
    const parsed = parseErrorBody({
      message: 'Detected reference to non-existing step',
      error_type: 'InvalidReferenceTargetError',
      context: 'workflow_compilation | execution_graph_construction',
      inner_error_type: 'None',
      inner_error_message: 'None',
      blocks_errors: [],
      python_blocks_output_streams: null,
      python_blocks_debug_traces: null,
    });
    assert.deepEqual(parsed, { serverMessage: 'Detected reference to non-existing step', errorType: 'InvalidReferenceTargetError', context: 'workflow_compilation | execution_graph_construction', blockErrors: [] });
  });

  it('reads anything else as no details', () => {
    for (const body of [null, 'text', 42, [{ message: 'x' }], undefined]) assert.deepEqual(parseErrorBody(body), { blockErrors: [] }, JSON.stringify(body));
    assert.deepEqual(parseErrorBody({ blocks_errors: 'none', message: 5 }), { blockErrors: [] });
  });

  it('takes a page\'s title, or its text without tags, in one line, cut at the limit', () => {
    assert.equal(excerptOfText('<html><head><TITLE lang="en">502 Bad\n Gateway</TITLE></head><body>nginx</body></html>'), '502 Bad Gateway');
    assert.equal(excerptOfText('<p>Service\n\n  <b>unavailable</b></p>'), 'Service unavailable');
    assert.equal(excerptOfText('<h1>Bad Gateway</h1><p>The upstream server failed.</p>'), 'Bad Gateway The upstream server failed.', 'a tag separates words');
    assert.equal(excerptOfText('Traceback (most recent call last):\n  File "x"'), 'Traceback (most recent call last): File "x"');
    assert.equal(excerptOfText('  <br/>  '), undefined);
    assert.equal(excerptOfText('abcdefghij', 4), 'abcd…');
    assert.equal(excerptOfText('abcd', 4), 'abcd');
    assert.equal(excerptOfText('x'.repeat(301)), `${'x'.repeat(300)}…`);
  });
});

describe('server: what no answer means', () => {
  const withCode = (code: string) => Object.assign(new Error(`connect ${code}`), { code });
  const fetchFailed = (cause: unknown) => new TypeError('fetch failed', { cause });

  it('finds the code on the error, down its causes, and among an AggregateError\'s members', () => {
    assert.equal(networkErrorCode(withCode('ECONNRESET')), 'ECONNRESET');
    assert.equal(networkErrorCode(fetchFailed(withCode('ENOTFOUND'))), 'ENOTFOUND');
    assert.equal(networkErrorCode(fetchFailed(new AggregateError([new Error('no code'), withCode('ECONNREFUSED')]))), 'ECONNREFUSED');
    assert.equal(networkErrorCode(fetchFailed(new AggregateError([withCode('EADDRNOTAVAIL'), withCode('ECONNREFUSED')]))), 'EADDRNOTAVAIL', 'the first member with a code');
    assert.equal(networkErrorCode(new Error('plain')), undefined);
    assert.equal(networkErrorCode('ECONNREFUSED'), undefined);
    assert.equal(networkErrorCode({ code: 42, cause: { code: 'EPIPE' } }), 'EPIPE', 'a code that is not text is no code');
    let deep: unknown = withCode('ETIMEDOUT');
    for (let i = 0; i < 5; i++) deep = fetchFailed(deep);
    assert.equal(networkErrorCode(deep), 'ETIMEDOUT', 'five causes deep');
    assert.equal(networkErrorCode(fetchFailed(deep)), undefined, 'a chain deeper than that is not followed');
  });

  it('follows an AggregateError\'s members to the same depth, and stops on an error that contains itself', () => {
    let deep: unknown = withCode('ECONNREFUSED');
    for (let i = 0; i < 5; i++) deep = new AggregateError([new Error('no code'), deep]);
    assert.equal(networkErrorCode(deep), 'ECONNREFUSED', 'five members deep');
    assert.equal(networkErrorCode(new AggregateError([deep])), undefined, 'deeper is not followed');
    const cyclic = new AggregateError([]);
    cyclic.errors.push(cyclic);
    assert.equal(networkErrorCode(cyclic), undefined);
  });

  it('finds no code on null, as error or as cause', () => {
    assert.equal(networkErrorCode(null), undefined);
    assert.equal(networkErrorCode(new TypeError('fetch failed', { cause: null })), undefined);
    assert.equal(describeNetworkError(null, 'https://infer.example.com', false), 'Could not reach the inference server at https://infer.example.com: null.');
  });

  it('says what to do for each kind of failure', () => {
    const url = 'https://infer.example.com:8443';
    const say = (code: string, loopback = false) => describeNetworkError(fetchFailed(withCode(code)), loopback ? 'http://localhost:9001' : url, loopback);
    assert.equal(say('ECONNREFUSED', true), 'Could not reach the inference server at http://localhost:9001: nothing is listening there. Is it running? Start one with `inference server start`.');
    assert.equal(say('ECONNREFUSED'), `Could not reach the inference server at ${url}: the connection was refused. Check the server URL and that the server is running.`);
    for (const code of ['ENOTFOUND', 'EAI_AGAIN']) assert.equal(say(code), 'Could not find the host infer.example.com:8443 (DNS lookup failed). Check the server URL and your internet connection.');
    for (const code of ['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT']) assert.equal(say(code), `Connecting to ${url} timed out. Check the server URL, your network, VPN or firewall.`);
    for (const code of ['EHOSTUNREACH', 'ENETUNREACH']) assert.equal(say(code), 'The network cannot reach infer.example.com:8443. Check your connection, VPN or firewall.');
    for (const code of ['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']) {
      assert.equal(say(code), `The connection to ${url} closed before an answer arrived (${code}). The server may have crashed or restarted, or a proxy cut the connection.`);
    }
    for (const code of ['EPROTO', 'ERR_SSL_WRONG_VERSION_NUMBER']) {
      assert.equal(say(code), `The server at ${url} did not answer with TLS (${code}). If it is a local server started with \`inference server start\`, use http://localhost:9001.`);
    }
    for (const code of ['CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'ERR_TLS_CERT_ALTNAME_INVALID', 'CERT_NOT_YET_VALID']) {
      assert.equal(say(code), `The TLS certificate of infer.example.com:8443 could not be verified (${code}). The connection was not used, so the API key was not sent.`);
    }
    assert.equal(say('EWHATEVER'), `Could not reach the inference server at ${url} (EWHATEVER): fetch failed.`);
    assert.equal(describeNetworkError('gone', url, false), `Could not reach the inference server at ${url}: gone.`);
  });
});

describe('server: putting a custom block\'s error back on its step', () => {
  const error = (blockId: string | null, blockType: string | null = null): BlockError => ({ blockId, blockType, propertyName: null, details: 'd' });
  const definition = {
    steps: [
      { type: 'custom/filter@v1', name: 'only' },
      { type: 'custom/twice@v1', name: 'a' },
      { type: 'custom/twice@v1', name: 'b' },
      { type: 'custom/named_like_a_step@v1', name: 'custom/filter@v1' },
      { name: 'untyped' },
      'junk',
    ],
  };

  it('names the one step of the type the server gave as a block id, keeping the type', () => {
    assert.deepEqual(attributeBlockErrorsToSteps([error('custom/named_like_a_step@v1')], definition), [{ ...error('custom/filter@v1'), blockType: 'custom/named_like_a_step@v1' }]);
    assert.deepEqual(attributeBlockErrorsToSteps([error('custom/twice@v1', 'kept')], { steps: [{ type: 'custom/twice@v1', name: 'only' }] }), [{ ...error('only'), blockType: 'kept' }]);
  });

  it('leaves a step\'s own name, an ambiguous type, an unknown id and a missing id as they are', () => {
    const errors = [error('custom/filter@v1'), error('custom/twice@v1'), error('nothing'), error(null), error('untyped')];
    assert.deepEqual(attributeBlockErrorsToSteps(errors, definition), errors, 'a step named like a type keeps its error');
    assert.deepEqual(attributeBlockErrorsToSteps([error('custom/filter@v1')], { steps: 'none' }), [error('custom/filter@v1')]);
    assert.deepEqual(attributeBlockErrorsToSteps([error('custom/filter@v1')], null), [error('custom/filter@v1')]);
    const nameless = { steps: [null, { type: 'custom/filter@v1' }, { type: 'custom/filter@v1', name: 7 }] };
    assert.deepEqual(attributeBlockErrorsToSteps([error('custom/filter@v1')], nameless), [error('custom/filter@v1')], 'steps without a name are no candidates');
    const none: BlockError[] = [];
    assert.equal(attributeBlockErrorsToSteps(none, definition), none);
  });
});
