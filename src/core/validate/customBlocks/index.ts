import type { Node } from 'jsonc-parser';
import { Catalog } from '../../catalog/catalog';
import type { BlockSpec } from '../../catalog/types';
import type { Finding } from '../../findings';
import { rangeOf } from '../../parse/tree';
import { knownKinds } from '../kinds';
import { assembleCustomBlock } from './assembly';
import { customBlockDefinitions, declaredType, lastValue } from './collect';
import { definitionShapeProblems, type Problem } from './definitionSchema';

export { customStepValueFindings } from './stepValues';
export { CUSTOM_PYTHON } from './assembly';

/** Custom Python blocks declared in the document, as the engine compiles them before parsing the steps. */
export interface CustomBlocks {
  /** The catalog plus every custom block that compiles (the same catalog when there is none). */
  catalog: Catalog;
  /** Every type a definition declares, compiling or not: a refused one is reported once, at its definition. */
  declaredTypes: ReadonlySet<string>;
  findings: Finding[];
}

// One extended catalog per base catalog and definitions text, so unchanged documents keep reusing
// the schema verdicts cached per catalog.
const extended = new WeakMap<Catalog, { key: string; catalog: Catalog }>();

function withCustomBlocks(catalog: Catalog, specs: BlockSpec[], key: string): Catalog {
  if (!specs.length) return catalog;
  const cached = extended.get(catalog);
  if (cached?.key === key) return cached.catalog;
  const result = new Catalog({ ...catalog.data, blocks: [...catalog.data.blocks, ...specs] });
  extended.set(catalog, { key, catalog: result });
  return result;
}

function finding(blockType: string | undefined, problem: Problem): Finding {
  return {
    code: 'dynamic-block-invalid',
    severity: 'error',
    message: `Custom Python block${blockType ? ` \`${blockType}\`` : ''}: ${problem.message} The server refuses the workflow.`,
    range: rangeOf(problem.node),
  };
}

export function compileCustomBlocks(root: Node, catalog: Catalog, text: string): CustomBlocks {
  const definitions = customBlockDefinitions(root);
  if (!definitions.length) return { catalog, declaredTypes: new Set(), findings: [] };
  const findings: Finding[] = [];
  const specs: BlockSpec[] = [];
  const declaredTypes = new Set<string>();
  for (const definition of definitions) {
    const blockType = declaredType(definition);
    if (blockType) declaredTypes.add(blockType);
    const shape = definitionShapeProblems(definition);
    if (shape.length) {
      findings.push(...shape.map((p) => finding(blockType, p)));
      continue;
    }
    if (catalog.block(blockType!)) {
      const node = lastValue(lastValue(definition, 'manifest'), 'block_type')!;
      findings.push(finding(blockType, { node, message: `\`${blockType}\` is already the type of a built-in block, so steps of this type could be either (the server fails with an internal error). Choose another \`block_type\`.` }));
      continue;
    }
    const assembled = assembleCustomBlock(definition, knownKinds(catalog));
    findings.push(...assembled.problems.map((p) => finding(blockType, p)));
    if (assembled.spec) specs.push(assembled.spec);
  }
  const section = lastValue(root, 'dynamic_blocks_definitions')!;
  return { catalog: withCustomBlocks(catalog, specs, text.slice(section.offset, section.offset + section.length)), declaredTypes, findings };
}
