import { ownValue } from '../core/ownProperties';
import type { JsonValue, ParameterControl, ParameterField } from './preview';

/**
 * Which control a `WorkflowParameter` gets, and how the text typed into it becomes the JSON value
 * sent as `inputs[name]`. Pure; used by the host (to build the form and to check a run request)
 * and by the webview (to prefill and to flag a bad value before sending).
 */

const CONTROL_BY_KIND: Record<string, ParameterControl> = {
  boolean: 'checkbox',
  integer: 'integer',
  float: 'number',
  float_zero_to_one: 'number',
  string: 'text',
  roboflow_model_id: 'text',
  roboflow_project: 'text',
  roboflow_solution: 'text',
  top_class: 'text',
  prediction_type: 'text',
  parent_id: 'text',
  inference_id: 'text',
  language_model_output: 'text',
  timestamp: 'text',
};

function controlForDefault(value: unknown): ParameterControl | undefined {
  if (typeof value === 'boolean') return 'checkbox';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'string') return 'text';
  if (value !== undefined && value !== null) return 'json';
  return undefined;
}

/** The control for declared kinds (`*` means any) and an optional default value. */
export function controlFor(kinds: readonly string[], defaultValue?: unknown): { control: ParameterControl; min?: number; max?: number } {
  const concrete = kinds.filter((k) => k !== '*');
  const bounds = concrete.length > 0 && concrete.every((k) => k === 'float_zero_to_one') ? { min: 0, max: 1 } : {};
  const byKind = concrete.map((k) => ownValue(CONTROL_BY_KIND, k) ?? 'json');
  const fromDefault = controlForDefault(defaultValue);
  if (byKind.length === 0) return { control: fromDefault ?? 'text' };
  if (byKind.length === 1) return { control: byKind[0], ...bounds };
  // Several kinds: the default's own type when it fits one of them, else the most general control.
  if (fromDefault && (byKind.includes(fromDefault) || (fromDefault === 'integer' && byKind.includes('number')))) return { control: fromDefault };
  if (byKind.includes('json')) return { control: 'json' };
  if (byKind.includes('text')) return { control: 'text' };
  return { control: byKind[0] };
}

/** What the control shows before the user touches it: the default value, or empty. */
export function initialDraft(field: ParameterField): string | boolean {
  const value = field.defaultValue;
  if (field.control === 'checkbox') return value === true;
  if (!field.hasDefault || value === undefined || value === null) return '';
  if (field.control === 'json') return JSON.stringify(value);
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export type DraftParse = { ok: true; value: JsonValue | undefined } | { ok: false; message: string };

/** The value to send (undefined: leave it out, so the server uses `default_value`), or why not. */
export function parseDraft(field: ParameterField, draft: string | boolean | undefined): DraftParse {
  if (field.control === 'checkbox') {
    if (draft === undefined) return { ok: true, value: undefined };
    return typeof draft === 'boolean' ? { ok: true, value: draft } : { ok: false, message: `\`${field.name}\` must be checked or unchecked.` };
  }
  if (typeof draft === 'boolean') return { ok: false, message: `\`${field.name}\` expects text, not a checkbox value.` };
  if (draft !== undefined && typeof draft !== 'string') return { ok: false, message: `\`${field.name}\` expects text.` };
  const text = (draft ?? '').trim();
  if (text === '') return { ok: true, value: undefined };
  switch (field.control) {
    case 'text':
      return { ok: true, value: draft };
    case 'json':
      try {
        return { ok: true, value: JSON.parse(text) as JsonValue };
      } catch {
        return { ok: false, message: `\`${field.name}\` is not valid JSON. Strings need quotes: "text"; lists look like [1, 2].` };
      }
    case 'number':
    case 'integer': {
      const value = Number(text);
      if (!Number.isFinite(value)) return { ok: false, message: `\`${field.name}\` must be a number.` };
      if (field.control === 'integer' && !Number.isInteger(value)) return { ok: false, message: `\`${field.name}\` must be a whole number.` };
      if (field.min !== undefined && value < field.min) return { ok: false, message: `\`${field.name}\` must be at least ${field.min}.` };
      if (field.max !== undefined && value > field.max) return { ok: false, message: `\`${field.name}\` must be at most ${field.max}.` };
      return { ok: true, value };
    }
  }
}

/** An image given by URL: http(s) only (the server downloads it; the webview never loads it). */
export function checkImageUrl(text: string): { ok: true; url: string } | { ok: false; message: string } {
  const trimmed = text.trim();
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { ok: false, message: 'Enter a full image URL, starting with https://.' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, message: 'Image URLs must start with https:// or http://.' };
  if (url.username || url.password) return { ok: false, message: 'Image URLs must not contain a user name or password.' };
  return { ok: true, url: url.href };
}
