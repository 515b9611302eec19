import type { ParsedErrorBody } from './errorBody';

/** Human explanations for HTTP error answers, following the status codes and error types of
 * the inference server (`error_handlers.py`) and its hosted front (401/402 on keys and credits). */

export interface HttpFailureContext {
  status: number;
  serverUrl: string;
  /** The route that was called, e.g. `/workflows/run`. */
  endpoint: string;
  apiKeySent: boolean;
  /** `Location` of a redirect answer. */
  redirectLocation?: string;
}

function serverSaid(parsed: ParsedErrorBody): string {
  const parts: string[] = [];
  if (parsed.serverMessage) parts.push(parsed.serverMessage);
  if (parsed.innerMessage && !parsed.serverMessage?.includes(parsed.innerMessage)) parts.push(`More details: ${parsed.innerMessage}`);
  return parts.length > 0 ? ` Server says: ${parts.join(' ')}` : '';
}

function failingSteps(parsed: ParsedErrorBody): string {
  const steps = [...new Set(parsed.blockErrors.map((error) => error.blockId).filter((id): id is string => id !== null))];
  if (steps.length === 0) return '';
  return steps.length === 1 ? ` in step \`${steps[0]}\`` : ` in steps ${steps.map((id) => `\`${id}\``).join(', ')}`;
}

/** The server answers MissingApiKeyError with a bare `{message}` (no `error_type`). */
function isMissingKeyMessage(parsed: ParsedErrorBody): boolean {
  return /API key is missing|no API key was provided/i.test(parsed.serverMessage ?? '');
}

/** A key was sent (in the body's `api_key` and the Authorization header) yet the server saw none. */
const KEY_LOST_HINT =
  ' A key was sent, both as the request body\'s `api_key` and in the `Authorization` header, so something between VS Code and the server probably removed it (a proxy or gateway), or this route reads the key from elsewhere.';

/** Why a server refuses a key it received (the key itself is never quoted). */
const REJECTED_KEY_CAUSES = [
  'the key is wrong, revoked or expired (set it again with "Roboflow Workflows: Set Roboflow API Key")',
  'the key belongs to another workspace than the one that owns the models this workflow uses',
  'a proxy in front of the server strips the `Authorization` header or rewrites the body (servers older than inference 1.5.0 read only the body\'s `api_key`, which the extension also sends)',
];

function rejectedKey(steps: string, parsed: ParsedErrorBody): string {
  return `The server refused the Roboflow API key${steps} (401 Unauthorized). Likely causes: ${REJECTED_KEY_CAUSES.map((cause, i) => `(${i + 1}) ${cause}`).join('; ')}.${serverSaid(parsed)}`;
}

function describeBadRequest(parsed: ParsedErrorBody, context: HttpFailureContext): string {
  if (isMissingKeyMessage(parsed)) {
    return context.apiKeySent
      ? `The server says the Roboflow API key is missing (400).${KEY_LOST_HINT}`
      : 'This workflow needs a Roboflow API key and none is set (400). Set your API key, then run again.';
  }
  if (parsed.errorType === 'DynamicBlockCodeError') {
    const [first] = parsed.blockErrors;
    const step = first?.blockId ? `step \`${first.blockId}\`${first.blockType && first.blockType !== first.blockId ? ` (custom block ${first.blockType})` : ''}` : 'a step';
    return `The custom Python code of ${step} raised an error while the workflow ran (400 DynamicBlockCodeError).${serverSaid(parsed)}`;
  }
  if (parsed.errorType === 'RuntimeInputError') {
    return `The inputs do not match what the workflow declares (400 RuntimeInputError).${serverSaid(parsed)}`;
  }
  if (parsed.errorType) {
    return `The server rejected the workflow${failingSteps(parsed)} (400 ${parsed.errorType}).${serverSaid(parsed)}`;
  }
  return `The server rejected the request (400).${serverSaid(parsed)}`;
}

function describeServerError(parsed: ParsedErrorBody, context: HttpFailureContext): string {
  if (parsed.errorType === 'StepExecutionError') {
    const [first] = parsed.blockErrors;
    const step = first?.blockId ? `Step \`${first.blockId}\`${first.blockType ? ` (${first.blockType})` : ''}` : 'A step';
    return `${step} failed while the workflow ran (${context.status} StepExecutionError).${serverSaid(parsed)}`;
  }
  if (parsed.errorType) return `The workflow failed on the server (${context.status} ${parsed.errorType}).${serverSaid(parsed)}`;
  if (parsed.serverMessage === 'Internal error.' || parsed.serverMessage === undefined) {
    return `The inference server hit an internal error (${context.status}) and gave no details. Its logs may say more.`;
  }
  return `The inference server failed (${context.status}).${serverSaid(parsed)}`;
}

export function describeHttpFailure(parsed: ParsedErrorBody, context: HttpFailureContext): string {
  const { status } = context;
  if (status >= 300 && status < 400) {
    return `The server answered with a redirect (${status}) to ${context.redirectLocation ?? 'an unknown address'}. Redirects are not followed, so the API key is never forwarded elsewhere: set the server URL to the final address.`;
  }
  const steps = failingSteps(parsed);
  switch (status) {
    case 400:
      return describeBadRequest(parsed, context);
    case 401:
      return context.apiKeySent
        ? rejectedKey(steps, parsed)
        : `This server needs a Roboflow API key${steps} (401 Unauthorized). Set your API key ("Roboflow Workflows: Set Roboflow API Key"), then try again.${serverSaid(parsed)}`;
    case 402:
      return `The Roboflow workspace of this API key is out of credits${steps} (402 Payment Required). Add credits, or run on your own inference server.${serverSaid(parsed)}`;
    case 403:
      return `The API key may not use something this workflow needs${steps} (403 Forbidden): usually a private model of another workspace, or a key without access to this server.${serverSaid(parsed)}`;
    case 404:
      if (parsed.serverMessage === 'Not Found' && !parsed.errorType) {
        return `The server at ${context.serverUrl} has no ${context.endpoint} endpoint (404). Check the server URL; workflow endpoints may be disabled on this server.`;
      }
      return `A model, project or workspace this workflow uses was not found${steps} (404), or it is private to another workspace. Check the model ids and that your API key can access them.${serverSaid(parsed)}`;
    case 413:
      return `The request is too large for the server (413). Try smaller input images.${serverSaid(parsed)}`;
    case 422: {
      const issues = (parsed.validationIssues ?? []).map((issue) => `${issue.location}: ${issue.message}`).join('; ');
      return `The server rejected the shape of the request (422)${issues ? `: ${issues}` : '.'}${issues ? '' : serverSaid(parsed)}`;
    }
    case 429:
      return `The server is rate-limiting requests (429). Wait a moment and run again.${serverSaid(parsed)}`;
    case 502:
    case 503:
    case 504:
      return `The inference server could not complete the run right now (${status}); this is usually temporary. Try again in a moment.${serverSaid(parsed)}`;
    default:
      if (status >= 500) return describeServerError(parsed, context);
      return `The server answered with HTTP ${status}${steps}.${serverSaid(parsed)}`;
  }
}
