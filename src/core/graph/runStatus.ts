import type { GraphRunView } from '../../protocol/graph';
import type { JsonValue, RunView } from '../../protocol/preview';

/** How many items an output value holds: a list's length, a detections object's predictions, else one. */
function itemCount(value: JsonValue | undefined): number {
  if (value === undefined || value === null) return 0;
  if (Array.isArray(value)) return value.length;
  if (Object.prototype.hasOwnProperty.call(value, 'predictions') && Array.isArray((value as { predictions?: unknown }).predictions)) return (value as { predictions: unknown[] }).predictions.length;
  return 1;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/**
 * What the graph shows of a preview run (already redacted by the preview): the steps the server
 * blamed for a failure, with its message, and per output the items it held, summed over the batch.
 */
export function graphRunView(view: RunView): GraphRunView {
  switch (view.status) {
    case 'success': {
      const counts = new Map<string, number>();
      for (const element of view.outputs) {
        for (const output of Object.getOwnPropertyNames(element)) counts.set(output, (counts.get(output) ?? 0) + itemCount(element[output]));
      }
      return {
        runId: view.runId,
        status: 'success',
        summary: `Preview run succeeded in ${seconds(view.durationMs)}`,
        failedSteps: [],
        outputCounts: [...counts].map(([output, count]) => ({ output, count })),
      };
    }
    case 'failure': {
      const failedSteps = view.blockErrors
        .filter((e) => e.step !== null && e.inDefinition)
        .map((e) => ({ step: e.step!, message: e.details ?? view.innerMessage ?? view.message }));
      const blamed = failedSteps.length ? ` in ${[...new Set(failedSteps.map((f) => `\`${f.step}\``))].join(', ')}` : '';
      return { runId: view.runId, status: 'failure', summary: `Preview run failed${blamed}: ${view.message}`, failedSteps, outputCounts: [] };
    }
    case 'not-sent':
      return { runId: view.runId, status: 'not-sent', summary: `Preview run not sent: ${view.reason}`, failedSteps: [], outputCounts: [] };
  }
}
