import type { Finding } from '../findings';
import type { WorkflowModel } from '../model/workflow';

export interface FindingCounts {
  errors: number;
  warnings: number;
}

interface Span {
  id: string;
  start: number;
  end: number;
}

/** The document span of every input, step and output, sorted by offset (they never overlap). */
export function nodeSpans(model: WorkflowModel): Span[] {
  const spans: Span[] = [
    ...model.inputs.map((i) => ({ id: `input:${i.index}`, start: i.node.offset, end: i.node.offset + i.node.length })),
    ...model.steps.map((s) => ({ id: `step:${s.index}`, start: s.node.offset, end: s.node.offset + s.node.length })),
    ...model.outputs.map((o) => ({ id: `output:${o.index}`, start: o.node.offset, end: o.node.offset + o.node.length })),
  ];
  return spans.sort((a, b) => a.start - b.start);
}

/** The graph node whose definition holds `offset` (the cursor), if any. */
export function nodeAtOffset(spans: readonly Span[], offset: number): string | undefined {
  let low = 0;
  let high = spans.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const span = spans[middle];
    if (offset < span.start) high = middle - 1;
    else if (offset > span.end) low = middle + 1;
    else return span.id;
  }
  return undefined;
}

/** Errors and warnings per node: a finding belongs to the input, step or output it sits in. */
export function countFindings(model: WorkflowModel, findings: readonly Finding[]): Map<string, FindingCounts> {
  const spans = nodeSpans(model);
  const counts = new Map<string, FindingCounts>();
  for (const finding of findings) {
    if (finding.severity !== 'error' && finding.severity !== 'warning') continue;
    const id = nodeAtOffset(spans, finding.range.offset);
    if (!id) continue;
    const tally = counts.get(id) ?? counts.set(id, { errors: 0, warnings: 0 }).get(id)!;
    if (finding.severity === 'error') tally.errors++;
    else tally.warnings++;
  }
  return counts;
}
