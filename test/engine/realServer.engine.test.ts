import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { blocksFromDescribe } from '../../src/core/catalog/fromDescribe';
import { checkImageUrl } from '../../src/protocol/inputValues';
import { Redactor } from '../../src/core/redaction/redactor';
import { describeBlocks, fetchServerInfo, runWorkflow, validateWorkflow, type RunWorkflowOptions } from '../../src/core/server/client';
import type { ServerFailure, WorkflowRunResult, WorkflowRunSuccess, WorkflowValidationResult } from '../../src/core/server/types';
import { inferenceServerInstalled, SERVER_PYTHON, startRealInferenceServer, type RealInferenceServer } from '../support/realInferenceServer';
import { repoRoot } from '../support/repoRoot';
import { SAMPLE_IMAGE_SIZE, SAMPLE_JPEG_BASE64, SAMPLE_OBJECTS } from '../support/sampleImage';

/**
 * The extension's own client (src/core/server/client.ts) against Roboflow's REAL inference HTTP
 * server, `inference-cpu` as pinned in engine/inference-server.lock, started offline on a loopback
 * port by engine/inference_server.py (installed by scripts/setup-inference-server.sh). Only
 * workflows that need no model weights: they are what a server without internet can run.
 *
 * Skipped when the server is not installed (or SKIP_INFERENCE_SERVER=1), unless REQUIRE_INFERENCE_SERVER=1,
 * which `npm test` sets once it has installed the server: then a missing server fails.
 */

const LOCK = fs.readFileSync(path.join(repoRoot(), 'engine/inference-server.lock'), 'utf8');
const PINNED_VERSION = /^inference-cpu==(\S+)$/m.exec(LOCK)?.[1];
/** A key the server has never heard of: no key is configured on it, and it cannot ask Roboflow. */
const UNKNOWN_KEY = 'rfUnkn0wnK3yF0rTests123';

type Json = Record<string, unknown>;
const IMAGE_INPUT = { type: 'base64', value: SAMPLE_JPEG_BASE64 };

/** Decodes a base64 image with Pillow in the server's venv: size, and RGB at the given points. */
function decodeImage(base64: string, points: [number, number][] = []): { format: string; width: number; height: number; pixels: number[][] } {
  const script = [
    'import base64, io, json, sys',
    'from PIL import Image',
    'request = json.load(sys.stdin)',
    'image = Image.open(io.BytesIO(base64.b64decode(request["image"])))',
    'image.load()',
    'rgb = image.convert("RGB")',
    'print(json.dumps({"format": image.format, "width": image.width, "height": image.height, "pixels": [list(rgb.getpixel(tuple(p))) for p in request["points"]]}))',
  ].join('\n');
  const run = spawnSync(SERVER_PYTHON, ['-c', script], { input: JSON.stringify({ image: base64, points }), encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`the image does not decode: ${run.stderr.slice(-1000)}`);
  return JSON.parse(run.stdout);
}

function colourDistance(a: number[], b: number[]): number {
  return Math.max(...a.map((value, i) => Math.abs(value - b[i])));
}

function success(result: WorkflowRunResult): WorkflowRunSuccess {
  assert.equal(result.ok, true, result.ok ? '' : `expected success, got ${result.kind} ${result.status}: ${result.message}`);
  return result as WorkflowRunSuccess;
}

function failure(result: WorkflowRunResult | WorkflowValidationResult, status: number, errorType: string): ServerFailure {
  assert.equal(result.ok, false, 'expected the server to refuse');
  const failed = result as ServerFailure;
  assert.equal(failed.kind, 'http', failed.message);
  assert.equal(failed.status, status, failed.message);
  assert.equal(failed.errorType, errorType, failed.message);
  assert.ok(failed.message.includes(errorType), `the message a user sees names ${errorType}: ${failed.message}`);
  return failed;
}

interface Recorded {
  method: string;
  url: string;
  authorization?: string;
  body: string;
}

/** An HTTP listener on 127.0.0.1 that records what reaches it and answers `status` with `body`. */
async function startRecorder(status: number, body: unknown): Promise<{ url: string; received: Recorded[]; close(): Promise<void> }> {
  const received: Recorded[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ method: request.method ?? '', url: request.url ?? '', authorization: request.headers.authorization, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('the extension\'s client against the real inference server (offline, loopback)', function () {
  let server: RealInferenceServer | undefined;
  /** Receives the webhook sink's calls. */
  let webhook: Awaited<ReturnType<typeof startRecorder>>;
  /** Stands in for Roboflow's API (API_BASE_URL): records anything the server sends it (nothing, offline). */
  let roboflowApi: Awaited<ReturnType<typeof startRecorder>>;

  before(async function () {
    this.timeout(300_000);
    const required = process.env.REQUIRE_INFERENCE_SERVER === '1';
    if (!required && process.env.SKIP_INFERENCE_SERVER === '1') this.skip();
    if (!inferenceServerInstalled()) {
      if (required) throw new Error(`no inference server at ${SERVER_PYTHON}: run scripts/setup-inference-server.sh`);
      this.skip();
    }
    webhook = await startRecorder(200, { received: true });
    roboflowApi = await startRecorder(503, { message: 'the tests\' stand-in for Roboflow\'s API' });
    server = await startRealInferenceServer({ apiBaseUrl: roboflowApi.url });
    console.log(`      (inference server answered /info ${(server.startupMs / 1000).toFixed(1)} s after spawn)`);
  });
  after(async function () {
    this.timeout(60_000);
    await server?.stop();
    await webhook?.close();
    await roboflowApi?.close();
  });
  afterEach(function () {
    if (this.currentTest?.state === 'failed' && server) console.log(`--- inference server output (last lines) ---\n${server.output().slice(-3000)}`);
  });

  const options = () => ({ serverUrl: server!.url, redactor: new Redactor() });
  const run = (overrides: Partial<RunWorkflowOptions> & Pick<RunWorkflowOptions, 'specification' | 'inputs'>) =>
    runWorkflow({ ...options(), disableSinks: true, ...overrides });

  it('GET /info: Roboflow Inference Server, the pinned version', async () => {
    const answer = await fetchServerInfo(options());
    assert.equal(answer.ok, true, answer.ok ? '' : answer.message);
    if (!answer.ok) return;
    assert.equal(answer.info.name, 'Roboflow Inference Server');
    assert.ok(PINNED_VERSION, 'engine/inference-server.lock pins inference-cpu');
    assert.equal(answer.info.version, PINNED_VERSION);
  });

  it('POST /workflows/blocks/describe: every described block converts to the catalog\'s form', async () => {
    const answer = await describeBlocks(options());
    assert.equal(answer.ok, true, answer.ok ? '' : answer.message);
    if (!answer.ok) return;
    const described = (answer.description as { blocks: Json[] }).blocks;
    const blocks = blocksFromDescribe(answer.description);
    assert.ok(described.length > 200, `only ${described.length} blocks described`);
    assert.equal(blocks.length, described.length, 'blocks the converter skipped as malformed');
    const types = new Set(blocks.map((b) => b.type));
    for (const type of ['roboflow_core/property_definition@v1', 'roboflow_core/image_blur@v1', 'roboflow_core/webhook_sink@v1', 'roboflow_core/roboflow_object_detection_model@v2']) {
      assert.ok(types.has(type), `${type} described`);
    }
    const blur = blocks.find((b) => b.type === 'roboflow_core/image_blur@v1')!;
    assert.deepEqual(blur.outputs.map((o) => o.name), ['image']);
    assert.ok(blur.fields.some((f) => f.name === 'image' && f.required));
  });

  describe('POST /workflows/validate', () => {
    const VALID = {
      version: '1.0',
      inputs: [{ type: 'WorkflowImage', name: 'image' }],
      steps: [{ type: 'roboflow_core/image_blur@v1', name: 'blur', image: '$inputs.image' }],
      outputs: [{ type: 'JsonField', name: 'blurred', selector: '$steps.blur.image' }],
    };

    it('compiles a valid definition', async () => {
      const answer = await validateWorkflow({ ...options(), specification: VALID });
      assert.equal(answer.ok, true, answer.ok ? '' : answer.message);
    });

    it('refuses a dangling selector: InvalidReferenceTargetError naming the output', async () => {
      const broken = { ...VALID, outputs: [{ type: 'JsonField', name: 'blurred', selector: '$steps.blurr.image' }] };
      const refused = failure(await validateWorkflow({ ...options(), specification: broken }), 400, 'InvalidReferenceTargetError');
      assert.match(refused.serverMessage ?? '', /\$steps\.blurr/);
      assert.equal(refused.blockErrors[0]?.propertyName, 'blurred');
    });

    it('refuses a cycle: ExecutionGraphStructureError', async () => {
      const cyclic = {
        version: '1.0',
        inputs: [],
        steps: [
          { type: 'roboflow_core/property_definition@v1', name: 'a', data: '$steps.b.output', operations: [] },
          { type: 'roboflow_core/property_definition@v1', name: 'b', data: '$steps.a.output', operations: [] },
        ],
        outputs: [{ type: 'JsonField', name: 'out', selector: '$steps.a.output' }],
      };
      const refused = failure(await validateWorkflow({ ...options(), specification: cyclic }), 400, 'ExecutionGraphStructureError');
      assert.match(refused.serverMessage ?? '', /cycle/i);
    });

    it('refuses an unknown block: WorkflowSyntaxError naming the type', async () => {
      const unknown = { ...VALID, steps: [{ type: 'roboflow_core/image_blurr@v1', name: 'blur', image: '$inputs.image' }] };
      const refused = failure(await validateWorkflow({ ...options(), specification: unknown }), 400, 'WorkflowSyntaxError');
      assert.match(refused.innerMessage ?? '', /roboflow_core\/image_blurr@v1/);
    });
  });

  describe('POST /workflows/run: previews that need no model weights', () => {
    it('property definition and expression on detections given as an input: a count and a verdict', async () => {
      const specification = {
        version: '1.0',
        inputs: [{ type: 'WorkflowBatchInput', name: 'predictions', kind: ['object_detection_prediction'] }],
        steps: [
          { type: 'roboflow_core/property_definition@v1', name: 'count', data: '$inputs.predictions', operations: [{ type: 'SequenceLength' }] },
          {
            type: 'roboflow_core/property_definition@v1',
            name: 'classes',
            data: '$inputs.predictions',
            operations: [{ type: 'DetectionsPropertyExtract', property_name: 'class_name' }],
          },
          {
            type: 'roboflow_core/expression@v1',
            name: 'verdict',
            data: { n: '$steps.count.output' },
            switch: {
              type: 'CasesDefinition',
              cases: [
                {
                  type: 'CaseDefinition',
                  condition: {
                    type: 'StatementGroup',
                    statements: [
                      {
                        type: 'BinaryStatement',
                        left_operand: { type: 'DynamicOperand', operand_name: 'n' },
                        comparator: { type: '(Number) >=' },
                        right_operand: { type: 'StaticOperand', value: 2 },
                      },
                    ],
                  },
                  result: { type: 'StaticCaseResult', value: 'several' },
                },
              ],
              default: { type: 'StaticCaseResult', value: 'few' },
            },
          },
        ],
        outputs: [
          { type: 'JsonField', name: 'count', selector: '$steps.count.output' },
          { type: 'JsonField', name: 'classes', selector: '$steps.classes.output' },
          { type: 'JsonField', name: 'verdict', selector: '$steps.verdict.output' },
        ],
      };
      const both = { image: SAMPLE_IMAGE_SIZE, predictions: SAMPLE_OBJECTS.map((o) => ({ ...o })) };
      const several = success(await run({ specification, inputs: { predictions: [both] } }));
      assert.deepEqual(several.outputs, [{ count: 2, classes: ['sign', 'ball'], verdict: 'several' }]);
      const one = { image: SAMPLE_IMAGE_SIZE, predictions: [{ ...SAMPLE_OBJECTS[1] }] };
      const few = success(await run({ specification, inputs: { predictions: [one] } }));
      assert.deepEqual(few.outputs, [{ count: 1, classes: ['ball'], verdict: 'few' }]);
    });

    it('image blur and absolute static crop: images that decode, at the right sizes', async () => {
      const specification = {
        version: '1.0',
        inputs: [{ type: 'WorkflowImage', name: 'image' }],
        steps: [
          { type: 'roboflow_core/image_blur@v1', name: 'blur', image: '$inputs.image', blur_type: 'average', kernel_size: 15 },
          { type: 'roboflow_core/absolute_static_crop@v1', name: 'crop', images: '$inputs.image', x_center: 26, y_center: 36, width: 28, height: 32 },
        ],
        outputs: [
          { type: 'JsonField', name: 'blurred', selector: '$steps.blur.image' },
          { type: 'JsonField', name: 'crop', selector: '$steps.crop.crops' },
        ],
      };
      const answer = success(await run({ specification, inputs: { image: IMAGE_INPUT } }));
      assert.equal(answer.outputs.length, 1);
      const { blurred, crop } = answer.outputs[0] as { blurred: { type: string; value: string }; crop: { type: string; value: string } };
      assert.equal(blurred.type, 'base64');
      assert.equal(crop.type, 'base64');
      // The yellow square's edge is sharp in the input and smeared by a 15 px average blur.
      const edge: [number, number] = [12, 36];
      const original = decodeImage(SAMPLE_JPEG_BASE64, [edge]);
      const blurredImage = decodeImage(blurred.value, [edge]);
      assert.deepEqual([blurredImage.width, blurredImage.height], [SAMPLE_IMAGE_SIZE.width, SAMPLE_IMAGE_SIZE.height]);
      assert.ok(colourDistance(original.pixels[0], blurredImage.pixels[0]) > 20, `blur changed the square's edge: ${original.pixels[0]} vs ${blurredImage.pixels[0]}`);
      // The crop is the yellow square itself.
      const cropImage = decodeImage(crop.value, [[14, 16]]);
      assert.deepEqual([cropImage.width, cropImage.height], [28, 32]);
      const [r, g, b] = cropImage.pixels[0];
      assert.ok(r > 180 && g > 180 && b < 100, `the crop is yellow inside: ${cropImage.pixels[0]}`);
    });

    it('a visualization fed with detections given as an input draws the boxes', async () => {
      const [sign] = SAMPLE_OBJECTS;
      const specification = {
        version: '1.0',
        inputs: [
          { type: 'WorkflowImage', name: 'image' },
          { type: 'WorkflowBatchInput', name: 'predictions', kind: ['object_detection_prediction'] },
        ],
        steps: [
          {
            type: 'roboflow_core/bounding_box_visualization@v1',
            name: 'boxes',
            image: '$inputs.image',
            predictions: '$inputs.predictions',
            color_palette: 'CUSTOM',
            custom_colors: ['#00FF00'],
            thickness: 3,
          },
        ],
        outputs: [{ type: 'JsonField', name: 'annotated', selector: '$steps.boxes.image' }],
      };
      const detections = {
        image: SAMPLE_IMAGE_SIZE,
        predictions: [{ ...sign, detection_id: 'sign-1' }],
      };
      const answer = success(await run({ specification, inputs: { image: IMAGE_INPUT, predictions: [detections] } }));
      const annotated = (answer.outputs[0] as { annotated: { value: string } }).annotated;
      // On the box's left edge (x = 26 - 14 = 12), half-way down: green now. Far from it: unchanged.
      const onEdge: [number, number] = [sign.x - sign.width / 2, sign.y];
      const far: [number, number] = [90, 60];
      const image = decodeImage(annotated.value, [onEdge, far]);
      const original = decodeImage(SAMPLE_JPEG_BASE64, [onEdge, far]);
      assert.deepEqual([image.width, image.height], [SAMPLE_IMAGE_SIZE.width, SAMPLE_IMAGE_SIZE.height]);
      const [r, g, b] = image.pixels[0];
      assert.ok(g > 180 && r < 100 && b < 100, `the box edge is green: ${image.pixels[0]}`);
      assert.ok(colourDistance(image.pixels[1], original.pixels[1]) < 40, `away from the box nothing changed: ${image.pixels[1]} vs ${original.pixels[1]}`);
    });

    const PYTHON_BLOCK = {
      type: 'DynamicBlockDefinition',
      manifest: {
        type: 'ManifestDescription',
        block_type: 'ScaleAndDescribe',
        inputs: {
          value: { type: 'DynamicInputDefinition', selector_types: ['input_parameter'], value_types: ['float', 'integer'] },
          image: { type: 'DynamicInputDefinition', selector_types: ['input_image'] },
        },
        outputs: {
          doubled: { type: 'DynamicOutputDefinition', kind: ['float'] },
          shape: { type: 'DynamicOutputDefinition', kind: ['list_of_values'] },
        },
      },
      code: {
        type: 'PythonCode',
        run_function_code: [
          'def run(self, value, image):',
          '    if value < 0:',
          '        raise ValueError(f"negative values are not allowed: {value}")',
          '    return {"doubled": value * 2, "shape": list(image.numpy_image.shape)}',
        ].join('\n'),
      },
    };
    const pythonWorkflow = {
      version: '1.0',
      inputs: [
        { type: 'WorkflowImage', name: 'image' },
        { type: 'WorkflowParameter', name: 'value' },
      ],
      dynamic_blocks_definitions: [PYTHON_BLOCK],
      steps: [{ type: 'ScaleAndDescribe', name: 'python', value: '$inputs.value', image: '$inputs.image' }],
      outputs: [
        { type: 'JsonField', name: 'doubled', selector: '$steps.python.doubled' },
        { type: 'JsonField', name: 'shape', selector: '$steps.python.shape' },
      ],
    };

    it('a custom Python block (dynamic_blocks_definitions) runs and returns its values', async () => {
      const answer = success(await run({ specification: pythonWorkflow, inputs: { image: IMAGE_INPUT, value: 21 } }));
      assert.deepEqual(answer.outputs, [{ doubled: 42, shape: [SAMPLE_IMAGE_SIZE.height, SAMPLE_IMAGE_SIZE.width, 3] }]);
    });

    it('a custom Python block that raises: 400 DynamicBlockCodeError with the message, the line and the traceback', async () => {
      const refused = failure(await run({ specification: pythonWorkflow, inputs: { image: IMAGE_INPUT, value: -1 } }), 400, 'DynamicBlockCodeError');
      assert.match(refused.message, /line 3, in run: ValueError: negative values are not allowed: -1/);
      assert.equal(refused.innerErrorType, 'ValueError');
      // The real server names the block TYPE where a step name would be (block_id = block_type); the
      // client puts the step back, since exactly one step has that type.
      assert.equal(refused.blockErrors[0]?.blockId, 'python');
      assert.equal(refused.blockErrors[0]?.blockType, 'ScaleAndDescribe');
      assert.match(refused.message, /^The custom Python code of step `python` \(custom block ScaleAndDescribe\) raised an error while the workflow ran \(400 DynamicBlockCodeError\)\./);
      assert.equal(refused.blockErrors[0]?.propertyName, 'Python code');
      assert.match(refused.blockErrors[0]?.traceback ?? '', /ValueError: negative values are not allowed: -1$/);
    });

    it('a missing image input: RuntimeInputError naming it (a missing parameter is None instead)', async () => {
      const refused = failure(await run({ specification: pythonWorkflow, inputs: { value: 1 } }), 400, 'RuntimeInputError');
      assert.match(refused.serverMessage ?? '', /`image`.*not provided/);
    });

    describe('image URLs: what the preview warns about before sending is what the server refuses', () => {
      // The test server runs with OFFLINE_MODE, which refuses every URL before its policy is read, so
      // the policy itself (image_utils._validate_url_destination, the check before any download) is
      // called in the server's own Python, with the package's default settings.
      const POLICY = [
        'import json, os, sys',
        'for name in ("ALLOW_NON_HTTPS_URL_INPUT", "ALLOW_URL_INPUT_WITHOUT_FQDN", "OFFLINE_MODE"): os.environ.pop(name, None)',
        'from inference.core.utils import image_utils',
        'verdicts = {}',
        'for url in json.load(sys.stdin):',
        '    try:',
        '        image_utils._validate_url_destination(value=url)',
        '        verdicts[url] = None',
        '    except Exception as error:',
        '        verdicts[url] = type(error).__name__ + ": " + str(getattr(error, "public_message", error))',
        'print(json.dumps(verdicts))',
      ].join('\n');
      function serverVerdicts(urls: string[]): Record<string, string | null> {
        const run = spawnSync(SERVER_PYTHON, ['-c', POLICY], { input: JSON.stringify(urls), encoding: 'utf8', timeout: 120_000 });
        if (run.status !== 0) throw new Error(`the server's URL policy did not run: ${run.stderr.slice(-2000)}`);
        return JSON.parse(run.stdout.trim().split('\n').pop()!);
      }

      it('every URL the form warns of is refused by the server\'s policy, for the reason the warning gives; the others pass it', () => {
        const urls = [
          'https://images.example.com/cat.jpg',
          'https://cdn.example.co.uk:8443/a.jpg?x=1',
          'https://localhost.example.com/a.jpg',
          'http://images.example.com/cat.jpg',
          'http://127.0.0.1:9/cat.jpg',
          'https://127.0.0.1:9/cat.jpg',
          'https://10.0.0.8/cat.jpg',
          'https://localhost:9/cat.jpg',
          'https://[::1]:9/cat.jpg',
          'https://[2001:db8::1]/cat.jpg',
          'https://nas/cat.jpg',
          'https://printer.local/cat.jpg',
          'https://files.corp.internal/cat.jpg',
          'https://router.home.arpa/cat.jpg',
          'https://app.localhost/cat.jpg',
          'https://box.localdomain/cat.jpg',
          'https://box.lan/cat.jpg',
          'https://box.home/cat.jpg',
          'https://box.corp/cat.jpg',
          'https://box.intranet/cat.jpg',
          'https://box.private/cat.jpg',
        ];
        const verdicts = serverVerdicts(urls);
        for (const url of urls) {
          const checked = checkImageUrl(url);
          assert.ok(checked.ok, url);
          const expected = checked.warnings.some((w) => w.includes('ALLOW_NON_HTTPS_URL_INPUT'))
            ? /^InputImageLoadError: Providing images via non https:\/\/ URL is not supported/
            : checked.warnings.some((w) => w.includes('ALLOW_URL_INPUT_WITHOUT_FQDN'))
              ? /^InputImageLoadError: Providing images via URL without FQDN is not supported/
              : null;
          if (expected === null) assert.equal(verdicts[url], null, `${url}: the form has no warning, the server refuses: ${verdicts[url]}`);
          else assert.match(verdicts[url] ?? 'accepted', expected, `${url}: the form warns, the server ${verdicts[url] ?? 'accepts it'}`);
        }
      });
    });

    describe('a webhook sink pointed at a listener on 127.0.0.1', () => {
      const sinkWorkflow = () => ({
        version: '1.0',
        inputs: [{ type: 'WorkflowParameter', name: 'note' }],
        steps: [
          {
            type: 'roboflow_core/webhook_sink@v1',
            name: 'notify',
            url: `${webhook.url}/hook`,
            method: 'POST',
            json_payload: { note: '$inputs.note' },
            // Wait for the answer, so when the run returns the request has been made or never will be.
            fire_and_forget: false,
            cooldown_seconds: 0,
          },
        ],
        outputs: [
          { type: 'JsonField', name: 'error_status', selector: '$steps.notify.error_status' },
          { type: 'JsonField', name: 'message', selector: '$steps.notify.message' },
        ],
      });

      it('disable_sinks: true — the run succeeds and the listener is never called', async () => {
        const before = webhook.received.length;
        const answer = success(await run({ specification: sinkWorkflow(), inputs: { note: 'preview' }, disableSinks: true }));
        assert.equal(webhook.received.length, before, 'the webhook was called during a preview');
        const [output] = answer.outputs as { error_status: boolean; message: string }[];
        assert.equal(output.error_status, false);
        assert.match(output.message, /disabled/i);
      });

      it('disable_sinks: false — the listener receives the payload', async () => {
        const before = webhook.received.length;
        const answer = success(await run({ specification: sinkWorkflow(), inputs: { note: 'fired' }, disableSinks: false }));
        assert.equal(webhook.received.length, before + 1, JSON.stringify(answer.outputs));
        const call = webhook.received.at(-1)!;
        assert.equal(call.method, 'POST');
        assert.equal(call.url, '/hook');
        assert.deepEqual(JSON.parse(call.body), { note: 'fired' });
        assert.equal((answer.outputs[0] as { error_status: boolean }).error_status, false);
      });
    });
  });

  describe('API keys, as the extension sends them (body api_key + Bearer), to a server with none configured', () => {
    const simple = {
      version: '1.0',
      inputs: [{ type: 'WorkflowParameter', name: 'x' }],
      steps: [],
      outputs: [{ type: 'JsonField', name: 'x', selector: '$inputs.x' }],
    };

    it('keyless requests are served: run, validate, describe', async () => {
      assert.deepEqual(success(await run({ specification: simple, inputs: { x: 7 } })).outputs, [{ x: 7 }]);
      assert.equal((await validateWorkflow({ ...options(), specification: simple })).ok, true);
      assert.equal((await describeBlocks(options())).ok, true);
    });

    it('a key the server cannot check (offline) in body and header: local-only workflows still run and validate', async () => {
      assert.deepEqual(success(await run({ specification: simple, inputs: { x: 8 }, apiKey: UNKNOWN_KEY })).outputs, [{ x: 8 }]);
      const validated = await validateWorkflow({ ...options(), specification: simple, apiKey: UNKNOWN_KEY });
      assert.equal(validated.ok, true, validated.ok ? '' : validated.message);
      const described = await describeBlocks({ ...options(), apiKey: UNKNOWN_KEY });
      assert.equal(described.ok, true, described.ok ? '' : described.message);
    });

    it('a model step, with or without a key: refused at once, OFFLINE_MODE never asking Roboflow\'s API', async () => {
      const model = {
        version: '1.0',
        inputs: [{ type: 'WorkflowImage', name: 'image' }],
        steps: [{ type: 'roboflow_core/roboflow_object_detection_model@v2', name: 'detector', images: '$inputs.image', model_id: 'acme-widgets/3' }],
        outputs: [{ type: 'JsonField', name: 'predictions', selector: '$steps.detector.predictions' }],
      };
      for (const apiKey of [UNKNOWN_KEY, undefined]) {
        const refused = failure(await run({ specification: model, inputs: { image: IMAGE_INPUT }, apiKey }), 500, 'StepExecutionError');
        assert.match(refused.serverMessage ?? '', /Could not connect to Roboflow API/);
        assert.equal(refused.blockErrors[0]?.blockId, 'detector');
        assert.ok(!JSON.stringify(refused).includes(UNKNOWN_KEY), 'the key is not in what the user sees');
      }
    });
  });

  // A suite of its own, last: mocha runs a suite's own tests before its child suites.
  describe('after everything above', () => {
    it('nothing reached "Roboflow\'s API" (a recorder at API_BASE_URL)', () => {
      assert.deepEqual(roboflowApi.received.map((call) => `${call.method} ${call.url.replace(UNKNOWN_KEY, '<key>')}`), []);
    });
  });
});
