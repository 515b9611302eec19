import assert from 'node:assert/strict';
import { analyzeSecurity } from '../../src/core/analysis/findings';
import type { Finding } from '../../src/core/findings';
import { freshCatalog } from '../support/freshCatalog';
import { det, gpt } from '../support/securitySteps';
import { applyFix, underlined } from '../support/workflowText';

function workflow(steps: object[], inputs: object[] = []): string {
  return JSON.stringify({ version: '1.0', inputs: [{ type: 'WorkflowImage', name: 'image' }, ...inputs], steps, outputs: [] }, null, 2);
}

/** What the user sees of each finding: code, severity, message, squiggled text, related notes, fix titles. */
function shown(text: string, findings: Finding[]) {
  return findings.map((f) => ({
    code: f.code,
    severity: f.severity,
    message: f.message,
    underlined: underlined(text, f),
    ...(f.related && { related: f.related.map((r) => [r.message, underlined(text, { ...f, range: r.range })]) }),
    ...(f.fixes && { fixes: f.fixes.map((fix) => [fix.title, fix.preferred, fix.hostAction]) }),
  }));
}

function findingsOf(steps: object[], inputs: object[] = []) {
  const text = workflow(steps, inputs);
  return shown(text, analyzeSecurity(text, freshCatalog()));
}

const hook = (name: string, extra: object) => ({ type: 'roboflow_core/webhook_sink@v1', name, url: 'https://example.com', ...extra });
const SCENARIOS = {
  modelDefault: [[det('$inputs.m')], [{ type: 'WorkflowParameter', name: 'm', default_value: 'acme/3' }]],
  runTimeOne: [[det('$inputs.a', 'one')], [{ type: 'WorkflowParameter', name: 'a' }]],
  runTimeTwo: [[det('$inputs.a', 'one'), det('$inputs.b', 'two')], [{ type: 'WorkflowParameter', name: 'a' }, { type: 'WorkflowParameter', name: 'b' }]],
  literal: [[gpt('sk-CANARY-findings-0123456789')]],
  hookInputs: [[hook('h', { headers: { Authorization: '$inputs.tok' }, query_parameters: { token: '$inputs.q' } })], [{ type: 'WorkflowParameter', name: 'tok', kind: ['secret'] }, { type: 'WorkflowParameter', name: 'q', kind: ['secret'] }]],
  inputManaged: [[gpt('$inputs.key')], [{ type: 'WorkflowParameter', name: 'key', kind: ['secret'], default_value: 'rf_key:account' }]],
  managed: [[{ type: 'roboflow_core/open_ai@v4', name: 'gpt', images: '$inputs.image', task_type: 'unconstrained', prompt: 'hi' }, { ...gpt('rf_key:account', 'gpt2'), type: 'roboflow_core/open_ai@v4' }, { type: 'roboflow_core/email_notification@v2', name: 'mail', subject: 's', message: 'm', receiver_email: 'a@example.com' }]],
  others: [[
    { type: 'roboflow_core/environment_secrets_store@v1', name: 'env', variables_storing_secrets: ['OPENAI_KEY'] },
    gpt('$steps.env.openai_key'),
    gpt('<YOUR_API_KEY>', 'gpt2'),
    { type: 'roboflow_core/email_notification@v2', name: 'mail', subject: 's', message: 'm', receiver_email: 'a@example.com', email_provider: 'Custom SMTP' },
  ]],
  uncertainOne: [[hook('a', { headers: { 'X-One': 'abcdefABCDEF1234567890xyzXYZ' } })]],
  uncertainTwo: [[hook('a', { headers: { 'X-One': 'abcdefABCDEF1234567890xyzXYZ' } }), hook('b', { headers: { 'X-Two': 'Bearer abcdefghijk' } })]],
  urlQuery: [[hook('q', { url: 'https://example.com/?api_key=abcdefghijklmnopqrstuvwxyz12345' })]],
  urlPassword: [[hook('q', { url: 'https://user:Sup3rS3cretPassw0rd@example.com/' })]],
  writtenWithFix: [[hook('w', { headers: { 'X-Other': 'sk-CANARY-header-0123456789abcdef' } })], [{ type: 'WorkflowParameter', name: 'note', default_value: 'sk-CANARY-default-0123456789abcdef' }]],
  sorted: [[gpt('$inputs.k'), det('acme/3')], [{ type: 'WorkflowParameter', name: 'k', kind: ['secret'] }]],
  keySecret: [[hook('k', { headers: { 'sk-CANARY-key-0123456789abcdef': 'x' } })]],
  textSecret: [[{ ...gpt('$inputs.k'), prompt: 'use sk-CANARY-prompt-0123456789abcdef' }], [{ type: 'WorkflowParameter', name: 'k', kind: ['secret'] }]],
} satisfies Record<string, [object[], object[]?]>;

describe('security findings: what each message says', () => {
  it('names the input whose default is a private model, and points at that default', () => {
    assert.deepEqual(findingsOf(...SCENARIOS.modelDefault), [
      {
        "code": "private-model",
        "severity": "information",
        "message": "Step `det` uses model `acme/3` (the default of input `m`), which looks private: people you share with must use their own key unless run access is owner-key.",
        "underlined": "\"$inputs.m\"",
        "related": [
          [
            "Default of input `m`",
            "\"acme/3\""
          ]
        ]
      }
    ]);
  });

  it('says "the model of step" for one step decided at run time, with nothing related', () => {
    assert.deepEqual(findingsOf(...SCENARIOS.runTimeOne), [
      {
        "code": "model-decided-at-run-time",
        "severity": "information",
        "message": "The model of step `one` is decided at run time, so whether they are private is known only when the workflow runs.",
        "underlined": "\"$inputs.a\"",
        "related": []
      }
    ]);
  });

  it('lists every step whose model is decided at run time and relates the others', () => {
    assert.deepEqual(findingsOf(...SCENARIOS.runTimeTwo), [
      {
        "code": "model-decided-at-run-time",
        "severity": "information",
        "message": "The models of steps `one`, `two` are decided at run time, so whether they are private is known only when the workflow runs.",
        "underlined": "\"$inputs.a\"",
        "related": [
          [
            "Model of step `two`",
            "\"$inputs.b\""
          ]
        ]
      }
    ]);
  });

  it('makes a credential written in a step an error with a preferred Move-to-SecretStorage fix', () => {
    assert.deepEqual(findingsOf(...SCENARIOS.literal), [
      {
        "code": "literal-secret",
        "severity": "error",
        "message": "Step `gpt` has its OpenAI credential `api_key` written in the file, and the file is no place for it: anyone who can read the file or the workflow can use it. Move it to SecretStorage; the step will read input `openai_api_key`.",
        "underlined": "\"sk-CANARY-findings-0123456789\"",
        "fixes": [
          [
            "Move to SecretStorage",
            true,
            "store-secret"
          ]
        ]
      }
    ]);
  });

  it('labels webhook credentials as header or query parameter and relates the input', () => {
    assert.deepEqual(findingsOf(...SCENARIOS.hookInputs), [
      {
        "code": "credential-input",
        "severity": "information",
        "message": "Step `h` takes its Webhook credential header `Authorization` from input `tok`: whoever runs the workflow supplies it.",
        "underlined": "\"$inputs.tok\"",
        "related": [
          [
            "Input `tok`",
            "\"tok\""
          ]
        ]
      },
      {
        "code": "credential-input",
        "severity": "information",
        "message": "Step `h` takes its Webhook credential query parameter `token` from input `q`: whoever runs the workflow supplies it.",
        "underlined": "\"$inputs.q\"",
        "related": [
          [
            "Input `q`",
            "\"q\""
          ]
        ]
      }
    ]);
  });

  it('says an input whose default is a Roboflow-managed key spends Roboflow credits', () => {
    assert.deepEqual(findingsOf(...SCENARIOS.inputManaged), [
      {
        "code": "credential-input",
        "severity": "information",
        "message": "Step `gpt` takes its OpenAI credential `api_key` from input `key`: whoever runs the workflow supplies it. By default it uses a Roboflow-managed key, which spends Roboflow credits.",
        "underlined": "\"$inputs.key\"",
        "related": [
          [
            "Input `key`",
            "\"key\""
          ]
        ]
      }
    ]);
  });

  it('explains each kind of Roboflow-managed key: block default, rf_key:account and provider setting', () => {
    assert.deepEqual(findingsOf(...SCENARIOS.managed), [
      {
        "code": "managed-key",
        "severity": "information",
        "message": "Step `gpt` leaves `api_key` unset, so it calls OpenAI with a Roboflow-managed key: runs spend your Roboflow credits (people you share with spend theirs unless run access is owner-key).",
        "underlined": "\"roboflow_core/open_ai@v4\""
      },
      {
        "code": "managed-key",
        "severity": "information",
        "message": "Step `gpt2` calls OpenAI with a Roboflow-managed key (`rf_key:account`): runs spend your Roboflow credits (people you share with spend theirs unless run access is owner-key).",
        "underlined": "\"rf_key:account\""
      },
      {
        "code": "managed-key",
        "severity": "information",
        "message": "Step `mail` sends through Roboflow's managed SMTP (email) account (`email_provider`): runs spend your Roboflow credits (people you share with spend theirs unless run access is owner-key).",
        "underlined": "\"roboflow_core/email_notification@v2\""
      }
    ]);
  });

  it('reports environment secrets, placeholders and custom providers without a password in their own words', () => {
    assert.deepEqual(findingsOf(...SCENARIOS.others), [
      {
        "code": "credential-environment",
        "severity": "information",
        "message": "Step `gpt` reads its OpenAI credential `api_key` from the server's environment (`openai_key`, via step `env`). Hosted Roboflow does not allow environment secrets; people you share with supply it as an input.",
        "underlined": "\"$steps.env.openai_key\""
      },
      {
        "code": "credential-placeholder",
        "severity": "warning",
        "message": "Step `gpt2` has a placeholder, not a OpenAI credential, in `api_key`: the step fails until it gets a real one. Take it from an input such as `openai_api_key`.",
        "underlined": "\"<YOUR_API_KEY>\""
      },
      {
        "code": "credential-missing",
        "severity": "warning",
        "message": "Step `mail` uses its own SMTP (email) account but sets no `sender_email_password`.",
        "underlined": "\"roboflow_core/email_notification@v2\""
      }
    ]);
  });

  it('reports one value that may be a credential with its own message and no related list', () => {
    assert.deepEqual(findingsOf(...SCENARIOS.uncertainOne), [
      {
        "code": "credential-uncertain",
        "severity": "information",
        "message": "Step `a` sends header `X-One` with a literal value that may be a credential. This cannot be known from the file; if it is a credential, take it from an input of kind `secret`.",
        "underlined": "\"abcdefABCDEF1234567890xyzXYZ\""
      }
    ]);
  });

  it('counts several values that may be credentials and relates each of them', () => {
    assert.deepEqual(findingsOf(...SCENARIOS.uncertainTwo), [
      {
        "code": "credential-uncertain",
        "severity": "information",
        "message": "2 values may be credentials, which cannot be known from the file (see related). Take any credential from an input of kind `secret`.",
        "underlined": "\"abcdefABCDEF1234567890xyzXYZ\"",
        "related": [
          [
            "Step `a` sends header `X-One` with a literal value that may be a credential.",
            "\"abcdefABCDEF1234567890xyzXYZ\""
          ],
          [
            "Step `b` sends header `X-Two` with a literal value that may be a credential.",
            "\"Bearer abcdefghijk\""
          ]
        ]
      }
    ]);
  });

  it('tells the user to take a query-parameter credential out of the URL', () => {
    assert.deepEqual(findingsOf(...SCENARIOS.urlQuery), [
      {
        "code": "literal-secret",
        "severity": "error",
        "message": "A credential in query parameter `api_key` (31 characters) is written in step `q`, `url`: anyone who can read the file or the workflow can use it. Take it out of the URL: keep it in SecretStorage and send it through an input of kind `secret` (a webhook step takes `$inputs.…` in `headers` and `query_parameters`).",
        "underlined": "abcdefghijklmnopqrstuvwxyz12345"
      }
    ]);
  });

  it('tells the user to take a URL password out of the URL', () => {
    assert.deepEqual(findingsOf(...SCENARIOS.urlPassword), [
      {
        "code": "literal-secret",
        "severity": "error",
        "message": "A password in a URL (19 characters) is written in step `q`, `url`: anyone who can read the file or the workflow can use it. Take it out of the URL: keep it in SecretStorage and send it through an input of kind `secret` (a webhook step takes `$inputs.…` in `headers` and `query_parameters`).",
        "underlined": "Sup3rS3cretPassw0rd"
      }
    ]);
  });

  it('orders findings by where they are in the file', () => {
    assert.deepEqual(findingsOf(...SCENARIOS.sorted), [
      {
        "code": "credential-input",
        "severity": "information",
        "message": "Step `gpt` takes its OpenAI credential `api_key` from input `k`: whoever runs the workflow supplies it.",
        "underlined": "\"$inputs.k\"",
        "related": [
          [
            "Input `k`",
            "\"k\""
          ]
        ]
      },
      {
        "code": "private-model",
        "severity": "information",
        "message": "Step `det` uses model `acme/3`, which looks private: people you share with must use their own key unless run access is owner-key.",
        "underlined": "\"acme/3\""
      }
    ]);
  });

  it('tells the user to rename a key that is itself a credential', () => {
    assert.deepEqual(findingsOf(...SCENARIOS.keySecret), [
      {
        "code": "literal-secret",
        "severity": "error",
        "message": "An OpenAI API key (sk-C…, 30 characters) is written in step `k`, a key of `headers`: anyone who can read the file or the workflow can use it. Rename the key: a credential has no place in the file.",
        "underlined": "\"sk-CANARY-key-0123456789abcdef\""
      }
    ]);
  });

  it('tells the user to take a credential out of free text', () => {
    assert.deepEqual(findingsOf(...SCENARIOS.textSecret), [
      {
        "code": "literal-secret",
        "severity": "error",
        "message": "An OpenAI API key (sk-C…, 33 characters) is written in step `gpt`, `prompt`: anyone who can read the file or the workflow can use it. Take it out of the text: keep it in SecretStorage and pass it through an input of kind `secret` (a `$inputs.…` selector) where the block accepts one.",
        "underlined": "sk-CANARY-prompt-0123456789abcdef"
      },
      {
        "code": "credential-input",
        "severity": "information",
        "message": "Step `gpt` takes its OpenAI credential `api_key` from input `k`: whoever runs the workflow supplies it.",
        "underlined": "\"$inputs.k\"",
        "related": [
          [
            "Input `k`",
            "\"k\""
          ]
        ]
      }
    ]);
  });

  it('offers the move for credentials written in a webhook header or as an input default', () => {
    assert.deepEqual(findingsOf(...SCENARIOS.writtenWithFix), [
      {
        "code": "literal-secret",
        "severity": "error",
        "message": "An OpenAI API key (sk-C…, 34 characters) is written as the `default_value` of input `note`: anyone who can read the file or the workflow can use it. Move it to SecretStorage and leave the input without a default.",
        "underlined": "\"sk-CANARY-default-0123456789abcdef\"",
        "fixes": [
          [
            "Move to SecretStorage",
            true,
            "store-secret"
          ]
        ]
      },
      {
        "code": "literal-secret",
        "severity": "error",
        "message": "An OpenAI API key (sk-C…, 33 characters) is written in step `w`, `headers.X-Other`: anyone who can read the file or the workflow can use it. Move it to SecretStorage; the step will read input `openai_api_key`.",
        "underlined": "\"sk-CANARY-header-0123456789abcdef\"",
        "fixes": [
          [
            "Move to SecretStorage",
            true,
            "store-secret"
          ]
        ]
      }
    ]);
  });

  it('moves a written credential into an input indented like the rest of the file', () => {
    // The fix formats its edits after the document's own indentation (tabs here).
    const text = JSON.stringify({ version: '1.0', inputs: [], steps: [gpt('sk-CANARY-findings-0123456789')], outputs: [] }, null, '\t');
    const [finding] = analyzeSecurity(text, freshCatalog());
    assert.match(applyFix(text, finding), /\n\t\t\{\n\t\t\t"type": "WorkflowParameter",\n\t\t\t"name": "openai_api_key",/);
  });
});
