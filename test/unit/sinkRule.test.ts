// Sinks in a preview (core/preview/sinkRule.ts): which steps are sinks, and what the panel says
// about them for each server (the refusal on old servers is in serverVersion.test.ts).
import assert from 'node:assert/strict';
import { bundledCatalog } from '../../src/core/catalog/bundled';
import { sinkStepNames, sinksNotice } from '../../src/core/preview/sinkRule';
import type { ServerIdentity } from '../../src/core/server/serverIdentity';
import { validateWorkflow } from '../../src/core/validate';

describe('preview sinks: steps and notices', () => {
  it('names a sink step without a name by its type, and finds none without a workflow', () => {
    const workflow = {
      version: '1.0',
      inputs: [{ type: 'WorkflowImage', name: 'image' }],
      steps: [{ type: 'roboflow_core/webhook_sink@v1', url: 'https://example.com/hook' }],
      outputs: [],
    };
    assert.deepEqual(sinkStepNames(validateWorkflow(JSON.stringify(workflow), bundledCatalog()).model), ['roboflow_core/webhook_sink@v1']);
    assert.deepEqual(sinkStepNames(undefined), []);
  });

  it('tells which sinks a recent server is asked not to fire', () => {
    const recent: ServerIdentity = { status: 'identified', name: 'Roboflow Inference Server', version: '1.8.3' };
    assert.deepEqual(sinksNotice(recent, ['hook']), { support: 'yes', message: 'Previews ask the server not to fire the sink step `hook`, unless you tick "Let sinks fire".' });
    assert.deepEqual(sinksNotice(recent, ['hook', 'mail']), { support: 'yes', message: 'Previews ask the server not to fire the 2 sink steps (`hook`, `mail`), unless you tick "Let sinks fire".' });
  });

  it('warns before the server has answered /info', () => {
    assert.deepEqual(sinksNotice(undefined, ['hook']), {
      support: 'unknown',
      message: "This server's version is unknown (it has not answered /info yet). Previews ask it not to fire sinks, but servers older than inference 1.3.7 ignore that: on one, the sink step `hook` would fire.",
    });
  });
});
