import type { Catalog } from '../catalog/catalog';
import data from './data/public-models.json';

/** Why a literal model id counts as public. The server itself has no such notion (the Roboflow API
 * decides per key), so this is the extension's heuristic from reference.md section e. */
export type PublicModelReason =
  | 'alias' // a public alias such as `yolov8n-640`
  | 'alias-target' // what an alias resolves to, such as `coco/3`
  | 'generic-model' // `clip/…`, `sam2/…`, `doctr/…` (GENERIC_MODELS upstream)
  | 'public-project' // `coco/…`, `*-pretrains/…`
  | 'built-in' // a default or listed value of a catalog model-id field (`sam3video`, `glm-ocr`)
  | 'foundation-block'; // a field that names a version of the block's own foundation model (`clip` `version`)

export type ModelIdVisibility = { visibility: 'public'; reason: PublicModelReason } | { visibility: 'private' };

interface PublicModelIndex {
  aliases: Set<string>;
  aliasTargets: Set<string>;
  prefixes: Set<string>;
  projects: Set<string>;
  builtIns: Set<string>;
}

const indexes = new WeakMap<Catalog, PublicModelIndex>();

function indexFor(catalog: Catalog): PublicModelIndex {
  let index = indexes.get(catalog);
  if (index) return index;
  const builtIns = new Set<string>();
  for (const block of catalog.data.blocks) {
    for (const name of block.modelIdFields) {
      const field = catalog.field(block, name);
      if (typeof field?.default === 'string') builtIns.add(field.default);
      field?.enumValues?.forEach((value) => {
        if (typeof value === 'string') builtIns.add(value);
      });
    }
  }
  index = {
    aliases: new Set(Object.keys(catalog.data.modelAliases)),
    aliasTargets: new Set(Object.values(catalog.data.modelAliases)),
    prefixes: new Set([...data.genericModelPrefixes, ...data.foundationModelPrefixes]),
    projects: new Set(data.publicProjects),
    builtIns,
  };
  indexes.set(catalog, index);
  return index;
}

/** Public or (possibly) private, for a model id written literally in the document. */
export function classifyModelId(modelId: string, catalog: Catalog): ModelIdVisibility {
  const index = indexFor(catalog);
  if (index.aliases.has(modelId)) return { visibility: 'public', reason: 'alias' };
  if (index.aliasTargets.has(modelId)) return { visibility: 'public', reason: 'alias-target' };
  if (index.builtIns.has(modelId)) return { visibility: 'public', reason: 'built-in' };
  const slash = modelId.indexOf('/');
  if (slash > 0) {
    const project = modelId.slice(0, slash);
    if (index.prefixes.has(project)) return { visibility: 'public', reason: 'generic-model' };
    if (index.projects.has(project) || data.publicProjectSuffixes.some((suffix) => project.endsWith(suffix))) {
      return { visibility: 'public', reason: 'public-project' };
    }
  }
  return { visibility: 'private' };
}

/** The data behind the heuristic, for tests and for explaining a classification. */
export const PUBLIC_MODEL_DATA: {
  genericModelPrefixes: readonly string[];
  foundationModelPrefixes: readonly string[];
  publicProjects: readonly string[];
  publicProjectSuffixes: readonly string[];
} = data;
