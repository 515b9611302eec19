import type { BlockSpec } from '../catalog/types';

const DOCS_ROOT = 'https://inference.roboflow.com/workflows/blocks/';

/**
 * Roboflow's documentation page of a block. The docs build (roboflow/inference
 * development/docs/build_block_docs.py) names one page per block family after the block's human
 * name: separators (`/`, `-`, spaces) dropped, then camel case to snake case, so
 * "Object Detection Model" is `object_detection_model`. Only Roboflow's own blocks have a page.
 */
export function blockDocsUrl(block: BlockSpec): string | undefined {
  // A large workflow repeats a few blocks many times: each block's page is worked out once.
  if (urls.has(block)) return urls.get(block);
  const url = docsUrlOf(block);
  urls.set(block, url);
  return url;
}

const urls = new WeakMap<BlockSpec, string | undefined>();

function docsUrlOf(block: BlockSpec): string | undefined {
  if (!/^roboflow_(core|enterprise)\//.test(block.type) || !block.humanName) return undefined;
  const joined = block.humanName.replace(/[/\- ]+/g, '');
  const snake = joined.replace(/(.)([A-Z][a-z]+)/g, '$1_$2').replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  return `${DOCS_ROOT}${encodeURIComponent(snake)}/`;
}
