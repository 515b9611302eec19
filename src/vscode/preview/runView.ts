import type { WorkflowRunResult } from '../../core/api';
import type { BlockErrorView, JsonObject, JsonValue, RunView } from '../../protocol/preview';

/** A server result as the webview shows it. Its strings were redacted by the client; the panel
 * redacts the whole message once more before posting it. */
export function toRunView(result: WorkflowRunResult, runId: number, stepNames: ReadonlySet<string>, summary: string): RunView {
  if (result.ok) {
    return {
      status: 'success',
      runId,
      durationMs: result.durationMs,
      responseBytes: result.responseBytes,
      outputs: result.outputs as JsonObject[],
      ...(result.pythonBlocksOutputStreams !== undefined && { pythonStreams: result.pythonBlocksOutputStreams as JsonValue }),
      ...(result.pythonBlocksDebugTraces !== undefined && { debugTraces: result.pythonBlocksDebugTraces as JsonValue }),
      summary,
    };
  }
  const blockErrors = result.blockErrors.map(
    (error): BlockErrorView => ({
      step: error.blockId,
      blockType: error.blockType,
      property: error.propertyName,
      details: error.details,
      ...(error.traceback !== undefined && { traceback: error.traceback }),
      ...(error.stdout !== undefined && { stdout: error.stdout }),
      ...(error.stderr !== undefined && { stderr: error.stderr }),
      inDefinition: error.blockId !== null && stepNames.has(error.blockId),
    }),
  );
  return {
    status: 'failure',
    runId,
    kind: result.kind,
    message: result.message,
    durationMs: result.durationMs,
    ...(result.status !== undefined && { httpStatus: result.status }),
    ...(result.errorType !== undefined && { errorType: result.errorType }),
    ...(result.serverMessage !== undefined && { serverMessage: result.serverMessage }),
    ...(result.innerErrorType !== undefined && { innerErrorType: result.innerErrorType }),
    ...(result.innerMessage !== undefined && { innerMessage: result.innerMessage }),
    ...(result.context !== undefined && { context: result.context }),
    blockErrors,
    ...(result.validationIssues !== undefined && { validationIssues: result.validationIssues }),
    ...(result.pythonBlocksOutputStreams !== undefined && { pythonStreams: result.pythonBlocksOutputStreams as JsonValue }),
    ...(result.pythonBlocksDebugTraces !== undefined && { debugTraces: result.pythonBlocksDebugTraces as JsonValue }),
    summary,
  };
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** One line for the log and the notification. */
export function describeOutcome(view: RunView): string {
  switch (view.status) {
    case 'success':
      return `finished in ${(view.durationMs / 1000).toFixed(2)} s, ${formatBytes(view.responseBytes)}, ${view.outputs.length} result${view.outputs.length === 1 ? '' : 's'}`;
    case 'failure':
      return `failed (${view.kind}${view.httpStatus ? ` ${view.httpStatus}` : ''}${view.errorType ? ` ${view.errorType}` : ''}) after ${(view.durationMs / 1000).toFixed(2)} s: ${view.message}`;
    case 'not-sent':
      return `not sent: ${view.reason}`;
  }
}
