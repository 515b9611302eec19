import Module from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Loads dist/extension.js and calls `activate` against a recording stand-in for the `vscode`
 * module (plain Node has no extension host), then opens one workflow through it. It measures our
 * own cost: module evaluation, activation, and the first lazy load of the core.
 */
export async function measureActivation(root: string): Promise<{ activateMs: number; firstValidationMs: number; schemaCompilations: number }> {
  const listeners: Record<string, ((arg: unknown) => void)[]> = {};
  const on = (name: string) => (listener: (arg: unknown) => void) => {
    (listeners[name] ??= []).push(listener);
    return { dispose() {} };
  };
  const disposable = { dispose() {} };
  class EventEmitter {
    event = () => disposable;
    fire() {}
    dispose() {}
  }
  // Any API the extension touches at activation answers with a harmless no-op, so this stand-in
  // follows the extension as it grows instead of breaking on every new registration.
  const noop: unknown = new Proxy(function () {}, {
    get: (_target, property) => (property === 'then' ? undefined : property === Symbol.iterator ? [][Symbol.iterator] : noop),
    apply: () => noop,
    construct: () => noop as object,
    // Assignments (a status bar item's `name`, `text`) are accepted and forgotten.
    set: () => true,
  });
  const overrides: Record<string, unknown> = {
    EventEmitter,
    workspace: new Proxy(
      {
        textDocuments: [],
        onDidOpenTextDocument: on('open'),
        getConfiguration: () => ({ get: (_: string, fallback: unknown) => fallback, inspect: () => undefined }),
        isTrusted: true,
      } as Record<string | symbol, unknown>,
      { get: (target, property) => (property in target ? target[property] : noop) },
    ),
  };
  // Bundles copy the module's own properties (esbuild's __toESM), so name every class, enum and
  // namespace of the API, read from its typings: new features need no edit here.
  const typings = fs.readFileSync(require.resolve('@types/vscode/index.d.ts', { paths: [root] }), 'utf8');
  const API_NAMES = [...new Set([...typings.matchAll(/^\s+export (?:class|enum|namespace) (\w+)/gm)].map((m) => m[1]))];
  const vscodeStandIn: Record<string, unknown> = { ...Object.fromEntries(API_NAMES.map((name) => [name, noop])), ...overrides };
  const load = (Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown })._load;
  (Module as unknown as { _load: unknown })._load = (request: string, ...rest: unknown[]) => (request === 'vscode' ? vscodeStandIn : load(request, ...rest));
  let schemaCompilations = 0;
  try {
    const ajv = require.resolve('ajv', { paths: [root] });
    delete require.cache[ajv];
  } catch {
    // ajv absent is fine: then nothing can compile a schema.
  }
  const start = performance.now();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const extension = require(path.join(root, 'dist/extension.js')) as { activate: (context: unknown) => void };
  extension.activate(new Proxy({ subscriptions: [], extensionMode: 1 } as Record<string | symbol, unknown>, { get: (target, property) => (property in target ? target[property] : noop) }));
  const activateMs = performance.now() - start;
  // Count schema compilations: a compiled-at-runtime schema would instantiate Ajv.
  schemaCompilations = Object.keys(require.cache).filter((k) => /node_modules[\\/]ajv[\\/]dist[\\/]core\.js$/.test(k)).length;

  const document = {
    uri: { path: '/bench/a.workflow.json', toString: () => 'file:///bench/a.workflow.json' },
    languageId: 'roboflow-workflow',
    version: 1,
    isClosed: false,
    getText: () => '{"version":"1.0","inputs":[{"type":"WorkflowImage","name":"image"}],"steps":[{"type":"roboflow_core/roboflow_object_detection_model@v2","name":"det","images":"$inputs.image","model_id":"yolov8n-640"}],"outputs":[{"type":"JsonField","name":"p","selector":"$steps.det.predictions"}]}',
    positionAt: () => ({}),
  };
  const opened = performance.now();
  for (const listener of listeners.open ?? []) listener(document);
  const firstValidationMs = performance.now() - opened;
  (Module as unknown as { _load: unknown })._load = load;
  return { activateMs, firstValidationMs, schemaCompilations };
}
