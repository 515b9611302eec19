import { getNodeValue, type Node } from 'jsonc-parser';
import type { Finding } from '../findings';
import { INPUT_TYPES } from '../model/workflow';
import { rangeOf, stringValue, valueNode } from '../parse/tree';
import { inputValidator, outputValidator } from '../schema/stepSchemas';
import { nearest } from '../text/nearest';
import type { ValidationContext } from './context';
import { convertedValueFinding } from './convertedValues';
import { suggestionFixes } from './fixes';
import { describeValue, unreferenceableNameMessage } from './messages';
import { knownKinds } from './kinds';
import { nodeForInstancePath } from './schemaErrors';
import { compareVersions, hasLocalLabel, parseVersion } from './version';
import { ownValue } from '../ownProperties';

const SECTIONS = ['version', 'inputs', 'steps', 'outputs'] as const;

/** Python's truthiness of a JSON value: what `if raw_version:` in the engine decides on. */
function truthy(node: Node): boolean {
  if (node.type === 'null') return false;
  if (node.type === 'array' || node.type === 'object') return (node.children?.length ?? 0) > 0;
  return Boolean(node.value);
}

function replaceFix(title: string, node: Node, newText: string) {
  return { title, edits: [{ offset: node.offset, length: node.length, newText }] };
}

/** The top-level shape: required sections of the right JSON type. */
export function checkTopLevel(ctx: ValidationContext): void {
  const { root } = ctx.model;
  for (const section of SECTIONS) {
    const node = valueNode(root, section);
    const expected = section === 'version' ? 'string' : 'array';
    if (!node) {
      ctx.findings.push({
        code: 'missing-section',
        severity: 'error',
        message: `The workflow has no \`${section}\`. Add \`"${section}": ${section === 'version' ? '"1.0"' : '[]'}\`: the server refuses a definition without it.`,
        range: { offset: root.offset, length: 1 },
      });
    } else if (section === 'version' && node.type !== 'string' && truthy(node)) {
      // The engine reads a truthy `version` before parsing the document, and refuses it as a version.
      ctx.findings.push({
        code: 'invalid-version',
        severity: 'error',
        message: `\`version\` must be a string such as "1.0", not ${describeValue(getNodeValue(node))}: the server cannot read it as a version.`,
        range: rangeOf(node),
        fixes: [replaceFix('Use version "1.0"', node, '"1.0"')],
      });
    } else if (node.type !== expected) {
      ctx.findings.push({
        code: 'wrong-type',
        severity: 'error',
        message: `\`${section}\` must be ${expected === 'string' ? 'a string such as "1.0"' : 'a list'}, not ${describeValue(node.type === 'object' ? {} : node.type === 'array' ? [] : node.value)}.`,
        range: rangeOf(node),
      });
    }
  }
}

/** `version` must be a PEP 440 version that this Execution Engine serves (>=version,<next major). */
export function checkVersion(ctx: ValidationContext): void {
  const node = ctx.model.versionNode;
  const text = stringValue(node);
  if (!node || text === undefined) return;
  if (text === '') {
    // The engine treats an empty version as absent and picks its newest Execution Engine.
    ctx.findings.push({
      code: 'invalid-version',
      severity: 'warning',
      message: 'An empty `version` makes the server run the workflow on its newest Execution Engine, whatever that is. Write the version you target, e.g. "1.0".',
      range: rangeOf(node),
      fixes: [replaceFix('Use version "1.0"', node, '"1.0"')],
    });
    return;
  }
  const version = parseVersion(text);
  const engine = parseVersion(ctx.catalog.engineVersion)!;
  if (version && hasLocalLabel(text)) {
    ctx.findings.push({
      code: 'invalid-version',
      severity: 'error',
      message: `\`${text}\` has a local version label (\`+…\`): the server turns the version into the requirement \`>=${text.trim()}\`, which cannot hold one, and refuses the workflow. Drop the label.`,
      range: rangeOf(node),
      fixes: [replaceFix(`Use version "${text.trim().split('+')[0]}"`, node, JSON.stringify(text.trim().split('+')[0]))],
    });
  } else if (!version) {
    ctx.findings.push({
      code: 'invalid-version',
      severity: 'error',
      message: `\`${text}\` is not a version the server can parse. Use a version such as "1.0".`,
      range: rangeOf(node),
      fixes: [replaceFix('Use version "1.0"', node, '"1.0"')],
    });
  } else if (version[0] !== engine[0]) {
    ctx.findings.push({
      code: 'unsupported-version',
      severity: 'error',
      message: `No Execution Engine serves version ${text}: the server runs ${ctx.catalog.engineVersion} and accepts versions ${engine[0]}.0 to ${ctx.catalog.engineVersion}. Use "1.0" unless you need a newer feature.`,
      range: rangeOf(node),
      fixes: [replaceFix('Use version "1.0"', node, '"1.0"')],
    });
  } else if (compareVersions(version, engine) > 0) {
    ctx.findings.push({
      code: 'unsupported-version',
      severity: 'warning',
      message: `Version ${text} is newer than the Execution Engine this extension knows (${ctx.catalog.engineVersion}, ${ctx.catalog.data.source}). Servers older than ${text} will refuse it; refresh the block catalog from your server if it is newer.`,
      range: rangeOf(node),
    });
  }
}

export function checkInputs(ctx: ValidationContext): void {
  for (const input of ctx.model.inputs) {
    if (input.node.type !== 'object') {
      ctx.findings.push({ code: 'wrong-type', severity: 'error', message: 'Each input must be an object with `type` and `name`.', range: rangeOf(input.node) });
      continue;
    }
    if (!input.typeNode) {
      ctx.findings.push({
        code: 'missing-property',
        severity: 'error',
        message: `This input has no \`type\`. Add one of ${Object.keys(INPUT_TYPES).filter((t) => !t.startsWith('Inference')).join(', ')}.`,
        range: { offset: input.node.offset, length: 1 },
      });
      continue;
    }
    if (input.type === undefined || !ownValue(INPUT_TYPES, input.type)) {
      const suggestions = input.type ? nearest(input.type, Object.keys(INPUT_TYPES)) : [];
      ctx.findings.push({
        code: 'unknown-input-type',
        severity: 'error',
        message: `Unknown input type ${describeValue(input.type ?? input.typeNode.value)}.${suggestions.length ? ` Did you mean ${suggestions.map((s) => `\`${s}\``).join(' or ')}?` : ''} Inputs are WorkflowImage, WorkflowParameter, WorkflowBatchInput or WorkflowVideoMetadata.`,
        range: rangeOf(input.typeNode),
        fixes: suggestionFixes(rangeOf(input.typeNode), suggestions),
      });
      continue;
    }
    const validate = inputValidator(input.type)!;
    const value = getNodeValue(input.node) as Record<string, unknown>;
    if (!validate(value as unknown)) {
      for (const error of validate.errors ?? []) {
        const target = nodeForInstancePath(input.node, error.instancePath);
        const property = error.instancePath.split('/')[1];
        const stillFails = (converted: unknown) => !validate({ ...value, [property]: converted }) && (validate.errors ?? []).some((e) => e.instancePath.split('/')[1] === property);
        const converted = property === 'dimensionality' && convertedValueFinding(`\`dimensionality\` of input \`${input.name ?? '?'}\``, value[property], ['integer'], target, stillFails);
        ctx.findings.push(converted || inputSchemaFinding(error.instancePath, error.keyword, error.message ?? 'is invalid', target, input.node, input.type));
      }
    }
    for (const kind of input.kindNode?.children ?? []) {
      const name = kind.type === 'string' ? (kind.value as string) : undefined;
      if (name !== undefined && !knownKinds(ctx.catalog).has(name)) {
        const suggestions = nearest(name, knownKinds(ctx.catalog));
        ctx.findings.push({
          code: 'unknown-kind',
          severity: 'warning',
          message: `Unknown kind \`${name}\`.${suggestions.length ? ` Did you mean ${suggestions.map((s) => `\`${s}\``).join(' or ')}?` : ''} An unknown kind matches no field, so references to this input will be refused.`,
          range: rangeOf(kind),
          fixes: suggestionFixes(rangeOf(kind), suggestions),
        });
      }
    }
  }
}

function inputSchemaFinding(path: string, keyword: string, ajvMessage: string, node: Node, inputNode: Node, type: string): Finding {
  const property = path.split('/')[1];
  if (property === 'name' && keyword === 'pattern') {
    // The engine puts no rule on names; only the selector grammar does.
    return { code: 'unreferenceable-name', severity: 'warning', message: unreferenceableNameMessage('Input', node.value as string, '$inputs.'), range: rangeOf(node) };
  }
  if (property === 'dimensionality') {
    const rule = type === 'WorkflowBatchInput' ? 'an integer of at least 1' : type.endsWith('Parameter') ? '0 (parameters are not batches)' : 'exactly 1';
    return { code: 'invalid-dimensionality', severity: 'error', message: `\`dimensionality\` of ${/^[AEIOU]/.test(type) ? 'an' : 'a'} ${type} must be ${rule}.`, range: rangeOf(node) };
  }
  if (!property) {
    return { code: 'missing-property', severity: 'error', message: `This input ${ajvMessage}: every input needs \`type\` and \`name\`.`, range: { offset: inputNode.offset, length: 1 } };
  }
  return { code: 'invalid-value', severity: 'error', message: `Input \`${property}\` ${ajvMessage}.`, range: rangeOf(node) };
}

export function checkOutputShapes(ctx: ValidationContext): void {
  const validate = outputValidator();
  for (const output of ctx.model.outputs) {
    if (validate(getNodeValue(output.node))) continue;
    for (const error of validate.errors ?? []) {
      const property = error.instancePath.split('/')[1] ?? (error.params as { missingProperty?: string }).missingProperty;
      if (property === 'selector' && error.keyword === 'pattern') continue; // reported by the reference checks, with a better message
      const target = nodeForInstancePath(output.node, error.instancePath);
      const message =
        error.keyword === 'required'
          ? `This output has no \`${property}\`. An output is \`{"type": "JsonField", "name": …, "selector": "$steps.<step>.<output>"}\`.`
          : property === 'type'
            ? 'An output\'s `type` must be "JsonField".'
            : property === undefined
              ? 'Each output must be an object: `{"type": "JsonField", "name": …, "selector": "$steps.<step>.<output>"}`.'
              : `Output \`${property}\` ${error.message}.`;
      ctx.findings.push({
        code: error.keyword === 'required' ? 'missing-property' : 'invalid-value',
        severity: 'error',
        message,
        range: error.keyword === 'required' ? { offset: output.node.offset, length: 1 } : rangeOf(target),
        fixes: property === 'type' && error.keyword !== 'required' ? [replaceFix('Change to JsonField', target, '"JsonField"')] : undefined,
      });
    }
  }
}
