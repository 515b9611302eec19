/**
 * The typed messages between the preview panel's two halves: the extension host (which holds the
 * API key and credentials, builds and sends the request, redacts) and the webview (which only
 * renders and reports clicks). Shared by both bundles; no `vscode` and no DOM in here.
 *
 * Every message is validated on arrival on both sides (`parseWebviewMessage`, `parseHostMessage`):
 * unknown types and malformed payloads are rejected, logged and ignored. The webview never
 * receives a key or credential value: only names and a status ("stored", "hidden"…).
 */

import { hasOwn } from '../core/ownProperties';
import { LIMITS, arrayOf, bool, describe, dictOf, int, isRecord, json, name, nullable, num, object, oneOf, optional, str, type Check, type ParseResult } from './checks';

export type { ParseResult } from './checks';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** The webview view type (also the WebviewPanelSerializer's). */
export const PREVIEW_VIEW_TYPE = 'roboflowWorkflows.preview';

// ---- what the form shows ----------------------------------------------------------------------

export type ParameterControl = 'number' | 'integer' | 'checkbox' | 'text' | 'json';

export interface ImageField {
  kind: 'image';
  name: string;
}

export interface ParameterField {
  kind: 'parameter';
  name: string;
  control: ParameterControl;
  /** Declared kinds, for the label's hint. */
  kinds: string[];
  /** `default_value`, when declared (prefills the control; absent values are not sent). */
  defaultValue?: JsonValue;
  hasDefault: boolean;
  min?: number;
  max?: number;
}

export type InputField = ImageField | ParameterField;

/** stored: SecretStorage holds it for its provider (value never shown) · missing: not stored for
 * its provider · prompt: asked for in a password box at run time (share mode, user-provided) ·
 * hidden: the owner's, shown as •••• · typed: asked for in a password box for this run, because the
 * input goes somewhere other than one provider's credential fields (`reason`) · unavailable:
 * SecretStorage cannot be read. */
export type CredentialStatus = 'stored' | 'missing' | 'prompt' | 'hidden' | 'typed' | 'unavailable';

export interface CredentialField {
  /** The workflow input that carries it (also its SecretStorage name, with the provider). */
  name: string;
  provider: string;
  steps: string[];
  status: CredentialStatus;
  /** The input has a `default_value` the server falls back to. */
  hasDefault: boolean;
  /** For `typed`: why no stored credential is used ("it feeds a Webhook Sink (…), not an OpenAI credential field"). */
  reason?: string;
  /** What SecretStorage holds under this name for other providers, which is not used here. */
  note?: string;
}

export type ApiKeyStatus = 'stored' | 'missing' | 'unavailable' | 'owner-hidden' | 'stand-in' | 'not-used';

export interface ApiKeyView {
  status: ApiKeyStatus;
  /** One sentence: whose key, and what happens. */
  detail: string;
}

export type PreviewMode = 'owner' | 'sharee';

/** Commands the webview may ask the host to run (never a free command id). */
export const PANEL_COMMANDS = ['setApiKey', 'toggleRunAccess', 'toggleHiddenCredentials', 'openSharingConfiguration', 'openServerSetting', 'manageTrust', 'showLog'] as const;
export type PanelCommand = (typeof PANEL_COMMANDS)[number];

export interface ShareBlock {
  /** Why the run would fail for people you share with. */
  reason: string;
  detail: string;
  action: { command: PanelCommand; label: string };
}

export interface SharingView {
  runAccess: string;
  credentials: string;
  /** What the share-mode run does, in a few sentences. */
  notes: string[];
  /** Set when, shared, the run cannot work: nothing is sent. */
  blocked?: ShareBlock;
}

/** What the server's `GET /info` said: checking (no answer yet), identified, or unidentified. */
export interface ServerSoftwareView {
  status: 'checking' | 'identified' | 'unidentified';
  /** "inference 1.8.3", "checking the version…" or "version unknown". */
  text: string;
  /** Why the version is unknown. */
  detail?: string;
}

/** The workflow's sink steps and whether this server honours `disable_sinks` (yes, no, unknown). */
export interface SinksView {
  support: 'yes' | 'no' | 'unknown';
  steps: string[];
  message: string;
}

export interface ServerView {
  /** The normalised URL, when valid. */
  url?: string;
  /** Absent when the URL cannot be used. */
  software?: ServerSoftwareView;
  /** "Hosted (serverless.roboflow.com)", "This machine", "Dedicated deployment". */
  label: string;
  /** Why the URL cannot be used, when it cannot. */
  problem?: string;
  /** A workspace tried to set the server URL; ignored. */
  ignoredWorkspaceValue?: string;
}

export interface SessionView {
  workflow: { uri: string; fileName: string };
  /** False in Restricted Mode: runs are disabled and `restricted` says why. */
  trusted: boolean;
  restricted?: string;
  server: ServerView;
  mode: PreviewMode;
  /** The definition cannot be sent (not JSON, no object). */
  definitionProblem?: string;
  /** Error-level problems the validator found (the server may reject the run). */
  errorCount: number;
  /** Present when the workflow has sink steps. */
  sinks?: SinksView;
  inputs: InputField[];
  apiKey: ApiKeyView;
  credentials: CredentialField[];
  sharing: SharingView;
  running: boolean;
}

export interface ImageChoice {
  /** File name or URL, for display. */
  label: string;
  /** A `data:image/…;base64,…` URL of the picked file, for the thumbnail and for drawing. */
  dataUrl?: string;
  /** For an image given by URL: the URL (sent to the server, never loaded by the webview). */
  url?: string;
  bytes?: number;
}

// ---- what a run gives ---------------------------------------------------------------------------

export type RunFailureKind = 'invalid-request' | 'http' | 'network' | 'timeout' | 'cancelled' | 'too-large' | 'malformed' | 'internal';

export interface BlockErrorView {
  step: string | null;
  blockType: string | null;
  property: string | null;
  details: string | null;
  traceback?: string;
  stdout?: string;
  stderr?: string;
  /** The step exists in the definition (the webview offers "Reveal in editor"). */
  inDefinition: boolean;
}

export interface RunSuccessView {
  status: 'success';
  runId: number;
  durationMs: number;
  responseBytes: number;
  /** One object per batch element, keyed by output name (redacted). */
  outputs: JsonObject[];
  pythonStreams?: JsonValue;
  debugTraces?: JsonValue;
  /** How the run was made ("As you", "As someone you share with"). */
  summary: string;
}

export interface RunFailureView {
  status: 'failure';
  runId: number;
  kind: RunFailureKind;
  /** Our explanation: what went wrong and what to do. */
  message: string;
  durationMs: number;
  httpStatus?: number;
  errorType?: string;
  serverMessage?: string;
  innerErrorType?: string;
  innerMessage?: string;
  context?: string;
  blockErrors: BlockErrorView[];
  validationIssues?: { location: string; message: string }[];
  pythonStreams?: JsonValue;
  debugTraces?: JsonValue;
  summary: string;
}

/** The run was refused before anything was sent (share mode that cannot work, bad input, Restricted Mode). */
export interface RunNotSentView {
  status: 'not-sent';
  runId: number;
  reason: string;
  detail?: string;
  action?: { command: PanelCommand; label: string };
}

export type RunView = RunSuccessView | RunFailureView | RunNotSentView;

// ---- messages -----------------------------------------------------------------------------------

export type HostMessage =
  | { type: 'session'; session: SessionView }
  /** `problem`: why the image chosen or dropped for this input was refused. */
  | { type: 'image'; input: string; image: ImageChoice | null; problem?: string }
  | { type: 'runStarted'; runId: number }
  | { type: 'runFinished'; result: RunView };

export type CopyTarget = { scope: 'all' } | { scope: 'output'; element: number; output: string };

/** Raw form values: text for number/integer/text/json controls, a boolean for checkboxes. */
export type DraftValues = Record<string, string | boolean>;

export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'run'; runId: number; values: DraftValues; imageUrls: Record<string, string>; runSinks: boolean }
  | { type: 'cancel' }
  | { type: 'pickImage'; input: string }
  /** A file dropped on an image field (its `text/uri-list`): checked like a picked one. */
  | { type: 'dropImage'; input: string; uri: string }
  | { type: 'clearImage'; input: string }
  | { type: 'setMode'; mode: PreviewMode }
  | { type: 'command'; command: PanelCommand }
  | { type: 'setCredential'; name: string }
  | { type: 'revealStep'; step: string }
  | { type: 'copy'; target: CopyTarget };

// ---- validation ---------------------------------------------------------------------------------

export { LIMITS } from './checks';

const modes = ['owner', 'sharee'] as const;
const panelCommand = oneOf(PANEL_COMMANDS);

const WEBVIEW_MESSAGES: Record<WebviewMessage['type'], Check> = {
  ready: object({ type: str() }),
  run: object({
    type: str(),
    runId: int,
    values: dictOf((v) => bool(v) || str(LIMITS.value)(v)),
    imageUrls: dictOf(str(LIMITS.url)),
    runSinks: bool,
  }),
  cancel: object({ type: str() }),
  pickImage: object({ type: str(), input: name }),
  dropImage: object({ type: str(), input: name, uri: (v) => str(LIMITS.url)(v) && (v as string).length > 0 }),
  clearImage: object({ type: str(), input: name }),
  setMode: object({ type: str(), mode: oneOf(modes) }),
  command: object({ type: str(), command: panelCommand }),
  setCredential: object({ type: str(), name }),
  revealStep: object({ type: str(), step: name }),
  copy: object({
    type: str(),
    target: (t) => object({ scope: oneOf(['all']) })(t) || object({ scope: oneOf(['output']), element: int, output: name })(t),
  }),
};

/** Host side: a message from the webview, or why it was rejected. */
export function parseWebviewMessage(value: unknown): ParseResult<WebviewMessage> {
  if (!isRecord(value) || !hasOwn(value, 'type') || typeof value.type !== 'string' || !hasOwn(WEBVIEW_MESSAGES, value.type)) {
    return { ok: false, error: `unknown message ${describe(value)}` };
  }
  const check = WEBVIEW_MESSAGES[value.type as WebviewMessage['type']];
  return check(value) ? { ok: true, message: value as WebviewMessage } : { ok: false, error: `malformed message ${describe(value)}` };
}

// Host messages: checked enough that the renderer can trust their shape.
const inputField: Check = (v) =>
  object({ kind: oneOf(['image']), name }, true)(v) ||
  object(
    {
      kind: oneOf(['parameter']),
      name,
      control: oneOf(['number', 'integer', 'checkbox', 'text', 'json']),
      kinds: arrayOf(str()),
      defaultValue: json,
      hasDefault: bool,
      min: optional(num),
      max: optional(num),
    },
    true,
  )(v);
const action = object({ command: panelCommand, label: str() });
const sessionView = object({
  workflow: object({ uri: str(), fileName: str() }),
  trusted: bool,
  restricted: optional(str()),
  server: object({
    url: optional(str()),
    software: optional(object({ status: oneOf(['checking', 'identified', 'unidentified']), text: str(), detail: optional(str()) })),
    label: str(),
    problem: optional(str()),
    ignoredWorkspaceValue: optional(str()),
  }),
  mode: oneOf(modes),
  definitionProblem: optional(str()),
  errorCount: int,
  sinks: optional(object({ support: oneOf(['yes', 'no', 'unknown']), steps: arrayOf(str()), message: str() })),
  inputs: arrayOf(inputField),
  apiKey: object({ status: oneOf(['stored', 'missing', 'unavailable', 'owner-hidden', 'stand-in', 'not-used']), detail: str() }),
  credentials: arrayOf(
    object({
      name,
      provider: str(),
      steps: arrayOf(str()),
      status: oneOf(['stored', 'missing', 'prompt', 'hidden', 'typed', 'unavailable']),
      hasDefault: bool,
      reason: optional(str()),
      note: optional(str()),
    }),
  ),
  sharing: object({
    runAccess: str(),
    credentials: str(),
    notes: arrayOf(str()),
    blocked: optional(object({ reason: str(), detail: str(), action })),
  }),
  running: bool,
});
const imageChoice = object({ label: str(), dataUrl: optional(str()), url: optional(str()), bytes: optional(int) });
const blockError = object({
  step: nullable(str()),
  blockType: nullable(str()),
  property: nullable(str()),
  details: nullable(str()),
  traceback: optional(str()),
  stdout: optional(str()),
  stderr: optional(str()),
  inDefinition: bool,
});
const runView: Check = (v) =>
  object({
    status: oneOf(['success']),
    runId: int,
    durationMs: num,
    responseBytes: int,
    outputs: arrayOf(isRecord),
    pythonStreams: json,
    debugTraces: json,
    summary: str(),
  })(v) ||
  object({
    status: oneOf(['failure']),
    runId: int,
    kind: oneOf(['invalid-request', 'http', 'network', 'timeout', 'cancelled', 'too-large', 'malformed', 'internal']),
    message: str(),
    durationMs: num,
    httpStatus: optional(int),
    errorType: optional(str()),
    serverMessage: optional(str()),
    innerErrorType: optional(str()),
    innerMessage: optional(str()),
    context: optional(str()),
    blockErrors: arrayOf(blockError),
    validationIssues: optional(arrayOf(object({ location: str(), message: str() }))),
    pythonStreams: json,
    debugTraces: json,
    summary: str(),
  })(v) ||
  object({ status: oneOf(['not-sent']), runId: int, reason: str(), detail: optional(str()), action: optional(action) })(v);

const HOST_MESSAGES: Record<HostMessage['type'], Check> = {
  session: object({ type: str(), session: sessionView }),
  image: object({ type: str(), input: name, image: nullable(imageChoice), problem: optional(str()) }),
  runStarted: object({ type: str(), runId: int }),
  runFinished: object({ type: str(), result: runView }),
};

/** Webview side: a message from the extension host, or why it was rejected. */
export function parseHostMessage(value: unknown): ParseResult<HostMessage> {
  if (!isRecord(value) || !hasOwn(value, 'type') || typeof value.type !== 'string' || !hasOwn(HOST_MESSAGES, value.type)) {
    return { ok: false, error: `unknown message ${describe(value)}` };
  }
  const check = HOST_MESSAGES[value.type as HostMessage['type']];
  return check(value) ? { ok: true, message: value as HostMessage } : { ok: false, error: `malformed message ${describe(value)}` };
}

/** A data URL the webview may show: an image, base64, nothing else (no SVG: it could carry script). */
export function isSafeImageDataUrl(value: string): boolean {
  return /^data:image\/(?:png|jpeg|gif|webp|bmp);base64,[A-Za-z0-9+/]*={0,2}$/.test(value);
}
