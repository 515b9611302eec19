import assert from 'node:assert/strict';
import { analyzeWorkflowSecurity } from '../../src/core/analysis/analyze';
import { literalSecretEdits } from '../../src/core/analysis/moveSecret';
import { bundledCatalog } from '../../src/core/catalog/bundled';
import { appendToArrayEdits, applyTextEdits } from '../../src/core/text/jsonEdits';
import { layoutOf, serializeInLayout } from '../../src/core/text/jsonLayout';

const catalog = bundledCatalog();
const CANARY = 'sk-CANARY-layout-0123456789abcdef';
const SPACES = { insertSpaces: true, tabSize: 2, eol: '\n' };

/** A workflow whose `inputs` entries are written as `inputs` says, with one step holding a key. */
function workflow(inputs: string): string {
  return [
    '{',
    '  "version": "1.0",',
    `  "inputs": ${inputs},`,
    '  "steps": [',
    '    {',
    '      "type": "roboflow_core/open_ai@v2",',
    '      "name": "gpt",',
    '      "images": "$inputs.image",',
    '      "task_type": "unconstrained",',
    '      "prompt": "hi",',
    `      "api_key": "${CANARY}"`,
    '    }',
    '  ],',
    '  "outputs": []',
    '}',
  ].join('\n');
}

function moveSecret(text: string): string {
  const analysis = analyzeWorkflowSecurity(text, catalog);
  return applyTextEdits(text, literalSecretEdits(text, analysis.credentials.literalSecrets[0]));
}

describe('JSON layout of inserted values', () => {
  it('Move to SecretStorage adds a one-line input to a list of one-line inputs', () => {
    const inputs = ['[', '    { "type": "WorkflowImage", "name": "image" },', '    { "type": "WorkflowParameter", "name": "confidence", "kind": ["float_zero_to_one"] }', '  ]'].join('\n');
    const expected = [
      '[',
      '    { "type": "WorkflowImage", "name": "image" },',
      '    { "type": "WorkflowParameter", "name": "confidence", "kind": ["float_zero_to_one"] },',
      '    { "type": "WorkflowParameter", "name": "openai_api_key", "kind": ["secret"] }',
      '  ]',
    ].join('\n');
    assert.equal(moveSecret(workflow(inputs)), workflow(expected).replace(`"${CANARY}"`, '"$inputs.openai_api_key"'));
  });

  it('Move to SecretStorage adds a multi-line input, indented like them, to a list of multi-line inputs', () => {
    const inputs = ['[', '    {', '      "type": "WorkflowImage",', '      "name": "image"', '    }', '  ]'].join('\n');
    const expected = [
      '[',
      '    {',
      '      "type": "WorkflowImage",',
      '      "name": "image"',
      '    },',
      '    {',
      '      "type": "WorkflowParameter",',
      '      "name": "openai_api_key",',
      '      "kind": [',
      '        "secret"',
      '      ]',
      '    }',
      '  ]',
    ].join('\n');
    assert.equal(moveSecret(workflow(inputs)), workflow(expected).replace(`"${CANARY}"`, '"$inputs.openai_api_key"'));
  });

  it('keeps lists on one line inside multi-line inputs when the document does', () => {
    const inputs = ['[', '    {', '      "type": "WorkflowParameter",', '      "name": "classes",', '      "kind": ["list_of_values"]', '    }', '  ]'].join('\n');
    const fixed = moveSecret(workflow(inputs));
    assert.ok(fixed.includes('    },\n    {\n      "type": "WorkflowParameter",\n      "name": "openai_api_key",\n      "kind": ["secret"]\n    }\n  ],'), fixed);
  });

  it('follows compact one-line entries and entries written on the line of the bracket', () => {
    const compact = workflow('[\n    {"type":"WorkflowImage","name":"image"}\n  ]');
    assert.ok(moveSecret(compact).includes('    {"type":"WorkflowImage","name":"image"},\n    {"type":"WorkflowParameter","name":"openai_api_key","kind":["secret"]}\n  ],'));
    const inline = workflow('[{ "type": "WorkflowImage", "name": "image" }]');
    assert.ok(moveSecret(inline).includes('"inputs": [{ "type": "WorkflowImage", "name": "image" }, { "type": "WorkflowParameter", "name": "openai_api_key", "kind": ["secret"] }],'));
  });

  it('reads the layout from structure, not from string contents', () => {
    assert.deepEqual(layoutOf('{ "name": "a,b:{c}[d]" }'), { oneLine: true, inlineLists: false, spaceInBraces: true, spaceInBrackets: false, colon: ': ', comma: ', ' });
    assert.equal(layoutOf('{\n  "name": "multi\\nline"\n}').oneLine, false);
    assert.equal(layoutOf('{ "name": "x\\ny" }').oneLine, true);
  });

  it('writes tabs and CRLF in a multi-line layout, and empty containers as []/{}', () => {
    const layout = layoutOf('{\n\t"a": 1\n}');
    assert.equal(serializeInLayout({ a: [], b: {}, c: [1] }, layout, '\t', { insertSpaces: false, tabSize: 4, eol: '\r\n' }), '{\r\n\t\t"a": [],\r\n\t\t"b": {},\r\n\t\t"c": [\r\n\t\t\t1\r\n\t\t]\r\n\t}');
  });

  it('appends several values at once in the same layout', () => {
    const text = '{ "inputs": [\n  { "name": "a" }\n] }';
    assert.equal(applyTextEdits(text, appendToArrayEdits(text, ['inputs'], { name: 'b' }, SPACES)), '{ "inputs": [\n  { "name": "a" },\n  { "name": "b" }\n] }');
  });
});
