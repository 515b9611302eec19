import type { Severity } from './findings';

/** Every finding code, with what it means and an example: the README table and SARIF rules come from here. */
export interface CodeInfo {
  code: string;
  severity: Severity;
  summary: string;
  example: string;
}

export const CODES: readonly CodeInfo[] = [
  { code: 'json-syntax', severity: 'error', summary: 'The file is not valid JSON (the server parses strict JSON).', example: '`{"version": "1.0",}` (trailing comma)' },
  { code: 'json-comment', severity: 'error', summary: 'Comments are not JSON; the server refuses them.', example: '`// my model` above a step' },
  { code: 'nesting-too-deep', severity: 'error', summary: 'Brackets nested too deep to check (thousands of levels).', example: '`[[[[…]]]]` 100,000 levels deep' },
  { code: 'missing-section', severity: 'error', summary: 'One of `version`, `inputs`, `steps`, `outputs` is missing.', example: 'a definition without `outputs`' },
  { code: 'wrong-type', severity: 'error', summary: 'A section or entry has the wrong JSON type.', example: '`"steps": {}`' },
  { code: 'invalid-version', severity: 'error', summary: '`version` is not a PEP 440 version the server can turn into a requirement (warning when empty: the server then picks its newest engine).', example: '`"version": "latest"`, `"1.0+local"`' },
  { code: 'unsupported-version', severity: 'error', summary: 'No Execution Engine serves this version (warning when newer than the known engine).', example: '`"version": "2.0.0"`' },
  { code: 'unknown-input-type', severity: 'error', summary: 'An input `type` that does not exist; the nearest one is suggested.', example: '`"type": "WorkflowImages"`' },
  { code: 'invalid-dimensionality', severity: 'error', summary: 'An input\'s `dimensionality` breaks its type\'s rule.', example: '`WorkflowImage` with `"dimensionality": 2`' },
  { code: 'unknown-kind', severity: 'warning', summary: 'An input declares a kind the engine does not know.', example: '`"kind": ["strng"]`' },
  { code: 'missing-property', severity: 'error', summary: 'An input, step or output lacks `type`, `name` or `selector`.', example: 'a step without `name`' },
  { code: 'invalid-value', severity: 'error', summary: 'A property has a value its field does not accept (checked against the step\'s own block schema).', example: '`"confidence": "high"`' },
  { code: 'value-converted', severity: 'warning', summary: 'A value of the wrong JSON type that the server converts (a number written as text, 1 for true): it runs, but the file should say what runs. Quick fix: the converted value.', example: '`"confidence": "0.5"`' },
  { code: 'unknown-block-type', severity: 'error', summary: 'A step `type` that no block has; up to three nearest types are suggested.', example: '`roboflow_core/roboflow_object_detection_modle@v2`' },
  {
    code: 'block-newer-than-catalog',
    severity: 'warning',
    summary: 'A newer version of a known block than the catalog has: the step is not checked until the catalog is refreshed from your server. Quick fix: Refresh block catalog from server.',
    example: '`roboflow_core/open_ai@v9` while the catalog knows only lower versions',
  },
  { code: 'missing-required-field', severity: 'error', summary: 'A step lacks a field its block requires.', example: 'an object detection step without `model_id`' },
  { code: 'unknown-property', severity: 'warning', summary: 'A step property its block does not have: the engine drops it silently. The nearest field is suggested.', example: '`"confidance": 0.5`' },
  { code: 'unreferenceable-name', severity: 'warning', summary: 'A step or input name outside the selector grammar: properties that take only selectors refuse selectors to it.', example: '`"name": "my step"`' },
  { code: 'duplicate-key', severity: 'warning', summary: 'A key written twice in one object: the server reads only the last copy.', example: 'a step with two `type` keys' },
  { code: 'duplicate-name', severity: 'error', summary: 'Two inputs, steps or outputs share a name.', example: 'two steps named `det`' },
  { code: 'invalid-selector', severity: 'error', summary: 'A `$…` value the server cannot parse or resolve as a selector, or of a shape a selector-only property refuses.', example: '`"images": "$inputs"`, `next_steps: ["$inputs.image"]`' },
  { code: 'selector-not-allowed', severity: 'error', summary: 'A selector the server parses but cannot connect: a step where no flow control is taken, or a step output where only steps are.', example: '`next_steps: ["$steps.det.predictions"]` (needs `$steps.det`)' },
  { code: 'duplicate-flow-target', severity: 'error', summary: 'A flow-control step names the same target step twice: the engine cannot tell which branch runs it.', example: '`next_steps: ["$steps.email", "$steps.email"]`' },
  { code: 'unknown-input', severity: 'error', summary: 'A selector names an input that is not declared; the nearest is suggested.', example: '`$inputs.imgae`' },
  { code: 'unknown-step', severity: 'error', summary: 'A selector names a step that does not exist; the nearest is suggested.', example: '`$steps.dett.predictions`' },
  { code: 'unknown-step-output', severity: 'error', summary: 'A selector names an output the step\'s block does not have.', example: '`$steps.det.prediction`' },
  { code: 'kind-mismatch', severity: 'error', summary: 'The selector points at a kind the field does not accept.', example: 'object detection predictions into a `model_id`' },
  { code: 'input-kind-conflict', severity: 'error', summary: 'One untyped input feeds fields that share no kind.', example: '`$inputs.model_id` used as a model id and as a confidence' },
  { code: 'cycle', severity: 'error', summary: 'Steps depend on each other in a loop.', example: '`a` reads `$steps.b.x`, `b` reads `$steps.a.y`' },
  { code: 'dimensionality-mismatch', severity: 'error', summary: 'A step receives batches of different dimensionality where it needs the same.', example: 'an image and crops of that image into one step' },
  { code: 'lineage-mismatch', severity: 'error', summary: 'A step mixes batch data of different origins.', example: 'slice predictions with an unrelated batch input' },
  { code: 'control-flow-lineage', severity: 'error', summary: 'A flow-control step gates a step whose data comes from another origin.', example: '`continue_if` on slices gating a step fed by another batch' },
  { code: 'batch-not-accepted', severity: 'error', summary: 'A batch plugged into a property that takes one value per run.', example: '`"confidence": "$inputs.batch_of_thresholds"`' },
  { code: 'dynamic-block-invalid', severity: 'error', summary: 'A custom Python block definition the engine will refuse.', example: '`run_function_code` without `def run(`' },
  { code: 'unused-input', severity: 'hint', summary: 'An input nothing references.', example: 'a `confidence` parameter no step reads' },
  { code: 'unused-step', severity: 'hint', summary: 'A step whose results nothing uses (sinks and flow control excepted).', example: 'a crop step no output reads' },
  { code: 'private-model', severity: 'information', summary: 'A literal model id that looks private: people you share with need their own access unless run access is owner-key.', example: '`"model_id": "acme-hard-hats/7"`' },
  { code: 'model-decided-at-run-time', severity: 'information', summary: 'Model ids that come from inputs without a default (said once per workflow).', example: '`"model_id": "$inputs.model"`' },
  {
    code: 'literal-secret',
    severity: 'error',
    summary: 'A credential written into the file, in any field: a credential field, a provider key shape, a token in a URL or header, or a value held in SecretStorage. Quick fix: Move to SecretStorage (where an input can take its place).',
    example: '`"api_key": "sk-…"`, `"url": "https://h/in?token=…"`',
  },
  { code: 'credential-placeholder', severity: 'warning', summary: 'A placeholder where a credential should be.', example: '`"api_key": "<YOUR_API_KEY>"`' },
  { code: 'credential-input', severity: 'information', summary: 'A credential supplied at run time through an input (declare it with kind `secret`).', example: '`"api_key": "$inputs.openai_key"`' },
  { code: 'credential-environment', severity: 'information', summary: 'A credential read from the server\'s environment.', example: '`$steps.secrets.openai_key`' },
  { code: 'managed-key', severity: 'information', summary: 'A Roboflow-managed key: runs spend Roboflow credits.', example: '`"api_key": "rf_key:account"`' },
  { code: 'credential-missing', severity: 'warning', summary: 'A custom provider chosen without the credential it needs.', example: '`"email_provider": "Custom SMTP"` without a password' },
  { code: 'credential-uncertain', severity: 'information', summary: 'Values that may be credentials, which cannot be known statically (said once).', example: 'a token-like webhook header' },
  { code: 'sharing-json-syntax', severity: 'error', summary: 'The sharing sidecar is not valid JSON.', example: '`{"runAccess": }`' },
  { code: 'sharing-not-object', severity: 'error', summary: 'The sharing sidecar is not an object.', example: '`[]`' },
  { code: 'sharing-invalid-value', severity: 'error', summary: 'A sharing option with a value it does not take.', example: '`"runAccess": "everyone"`' },
  { code: 'sharing-unknown-key', severity: 'warning', summary: 'A key the sharing configuration does not have.', example: '`"runacess": "owner-key"`' },
  { code: 'sharing-duplicate-key', severity: 'warning', summary: 'A sharing key written more than once: only the last copy applies.', example: '`"runAccess": "owner-key", "runAccess": "own-key"`' },
  { code: 'sharing-no-effect', severity: 'warning', summary: 'A sharing setting that changes nothing for this workflow.', example: '`"runAccess": "owner-key"` with no private model' },
];

export function codeInfo(code: string): CodeInfo | undefined {
  return CODES.find((c) => c.code === code);
}
