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
    // A step has a block only when its `type` is a string naming one.
    const url = step.block && blockDocsUrl(step.block);
    if (url) links.push({ range: contentRange(step.typeNode!), url, tooltip: `Open the documentation of ${step.block!.humanName}` });
  }
  return links;
}
