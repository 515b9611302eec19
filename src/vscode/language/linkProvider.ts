import * as vscode from 'vscode';
import { loadCore } from '../core';
import { toRange } from '../convert';
import type { WorkflowService } from '../workflowService';

/** A link whose target is made only when the user hovers or follows it. */
class BlockDocsLink extends vscode.DocumentLink {
  constructor(
    range: vscode.Range,
    readonly url: string,
  ) {
    super(range);
  }
}

/**
 * Links from every step's `type` to its block's documentation on inference.roboflow.com. Targets
 * are resolved on demand: a 20,000-step file would otherwise parse and send 20,000 URIs per edit.
 */
export class WorkflowLinkProvider implements vscode.DocumentLinkProvider<BlockDocsLink> {
  constructor(private readonly service: WorkflowService) {}

  provideDocumentLinks(document: vscode.TextDocument): BlockDocsLink[] | undefined {
    if (!this.service.isWorkflow(document)) return undefined;
    const { model } = this.service.analyze(document).result;
    return model && loadCore().documentLinks(model).map((link) => {
      const result = new BlockDocsLink(toRange(document, link.range), link.url);
      result.tooltip = link.tooltip;
      return result;
    });
  }

  resolveDocumentLink(link: BlockDocsLink): BlockDocsLink {
    link.target = vscode.Uri.parse(link.url);
    return link;
  }
}
