/** The project's model of Roboflow's block catalog. Plain data: it can come from the bundled
 * snapshot (core-catalog.json) or from a live server's `POST /workflows/blocks/describe`. */

export type SelectorTarget = 'any_data' | 'step_output' | 'workflow_parameter' | 'workflow_image' | 'workflow_video_metadata' | 'step';
export type SelectorContainer = 'single' | 'list' | 'dict';
export type LiteralType = 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object' | 'enum' | 'any';

export interface FieldSpec {
  name: string;
  /** Second spellings the engine accepts (`image` for `images`). */
  aliases?: string[];
  required: boolean;
  /** Kinds a selector in this field may point at; empty when the field takes no selector. */
  selectorKinds: string[];
  selectorTargets: SelectorTarget[];
  containers: SelectorContainer[];
  /** Literal (non-selector) JSON types accepted; empty for selector-only fields. */
  literalTypes: LiteralType[];
  enumValues?: (string | number | boolean | null)[];
  nullable: boolean;
  default?: unknown;
  /** Declared `private=True` upstream: a credential. */
  private?: boolean;
}

export interface OutputSpec {
  name: string;
  kinds: string[];
}

export interface CredentialFieldSpec {
  name: string;
  required: boolean;
  acceptsRoboflowManagedKey: boolean;
  default?: string;
  reasons: string[];
}

/** How a block handles batches (the engine's manifest classmethods); absent means the defaults. */
export interface BatchSpec {
  /** +1: outputs one level deeper (slicers, crops); -1: collapses a level. */
  outputOffset: number;
  acceptsBatchInput: boolean;
  batchParameters: string[];
  batchOrScalarParameters: string[];
  autoBatchCasting: string[];
  inputOffsets?: Record<string, number>;
  referenceProperty?: string;
}

export interface BlockSpec {
  type: string;
  aliases: string[];
  humanName: string;
  description: string;
  blockType: string;
  fields: FieldSpec[];
  outputs: OutputSpec[];
  /** Outputs depend on the step's configuration (or include `*`): references to them are not checked. */
  dynamicOutputs: boolean;
  modelIdFields: string[];
  credentialFields: CredentialFieldSpec[];
  usesRequestApiKey: boolean;
  compatibility?: string;
  enterprise?: boolean;
  dimensionality?: BatchSpec;
}

export interface CatalogData {
  source: string;
  engineVersion: string;
  blocks: BlockSpec[];
  modelAliases: Record<string, string>;
}
