import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { Validator } from 'jsonschema';
import { loadCorpus, recordedEngineVerdicts } from '../support/corpus';
import { repoRoot } from '../support/repoRoot';

// schemas/workflow.schema.json is published for other tools (README). It is generated, so it is
// checked from outside: Roboflow's own test definitions, read by two JSON Schema implementations
// (ajv, which the build uses, and the independent `jsonschema`), must get the engine's verdict.
describe('the published workflow schema, in two JSON Schema implementations', function () {
  this.timeout(120_000);
  const schema = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'schemas/workflow.schema.json'), 'utf8')) as object;
  const ajv = new Ajv({ allErrors: false, strict: false }).compile(schema);
  const independent = new Validator();
  const verdicts = (definition: unknown) => [ajv(definition) as boolean, independent.validate(definition, schema, { nestedErrors: false }).valid];
  const corpus = loadCorpus();
  // What the pinned engine answers for each stored definition (recorded; the engine stage checks the record).
  const engine = recordedEngineVerdicts().verdicts;
  const accepted = corpus.filter((entry) => engine[entry.file] === 'accepts');

  it('accept every definition the engine accepts', () => {
    assert.ok(accepted.length >= 100, `${accepted.length} definitions`);
    const refused = accepted
      .map((entry) => ({ file: entry.file, answers: verdicts(JSON.parse(entry.text)) }))
      .filter(({ answers }) => answers.some((ok) => !ok))
      .map(({ file, answers }) => `${file}: ajv ${answers[0]}, jsonschema ${answers[1]}`);
    assert.deepEqual(refused, []);
  });

  it('agree with each other on every corpus definition', () => {
    const disagreements = corpus.map((entry) => [entry.file, verdicts(JSON.parse(entry.text))] as const).filter(([, [a, b]]) => a !== b);
    assert.deepEqual(disagreements, []);
  });

  it('refuse every definition the engine finds malformed (WorkflowSyntaxError) among those of known blocks', () => {
    const malformed = corpus.filter((entry) => engine[entry.file]?.startsWith('WorkflowSyntaxError') && !entry.unknownStepTypes.length);
    assert.ok(malformed.length >= 3, `${malformed.length} definitions`);
    assert.deepEqual(malformed.filter((entry) => verdicts(JSON.parse(entry.text)).some((ok) => ok)).map((entry) => entry.file), []);
  });

  // An unknown `type` stays open (plugins and newer releases add blocks): the linter judges those.
  it('refuse what the engine refuses while parsing: a missing field, a wrong value type', () => {
    const base = JSON.parse(accepted.find((entry) => entry.text.includes('roboflow_core/roboflow_object_detection_model@v2'))!.text) as {
      version?: string;
      steps: Record<string, unknown>[];
    };
    const step = base.steps.findIndex((s) => s.type === 'roboflow_core/roboflow_object_detection_model@v2');
    const variant = (change: (d: typeof base) => void) => {
      const copy = structuredClone(base);
      change(copy);
      return copy;
    };
    const broken = {
      'no version': variant((d) => delete d.version),
      'a step without a type': variant((d) => delete d.steps[step].type),
      'a confidence that is a word': variant((d) => (d.steps[step].confidence = 'high')),
      'a step without its model': variant((d) => delete d.steps[step].model_id),
    };
    for (const [what, definition] of Object.entries(broken)) assert.deepEqual(verdicts(definition), [false, false], what);
  });
});
