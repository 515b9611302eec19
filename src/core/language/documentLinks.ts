import type { OffsetRange } from '../findings';
import type { WorkflowModel } from '../model/workflow';
import { blockDocsUrl } from './blockDocs';
import { contentRange } from './nameTarget';

export interface DocumentLink {
  range: OffsetRange;
  url: string;
  tooltip: string;
}

/** A link on every step's `type` to its block's documentation (Ctrl+click opens it). */
export function documentLinks(model: WorkflowModel): DocumentLink[] {
  const links: DocumentLink[] = [];
  for (const step of model.steps) {
    const url = step.block && step.typeNode?.type === 'string' ? blockDocsUrl(step.block) : undefined;
    if (url) links.push({ range: contentRange(step.typeNode!), url, tooltip: `Open the documentation of ${step.block!.humanName}` });
  }
  return links;
}
