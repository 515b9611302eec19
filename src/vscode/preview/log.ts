import * as vscode from 'vscode';
import type { Redactor } from '../../core/api';
import { loadCore } from '../core';

/**
 * The "Roboflow Workflows" log output channel, created on first use. Every line goes through a
 * redactor first: the run's own (which knows the key and credentials it used) when there is one.
 */

export const OUTPUT_CHANNEL_NAME = 'Roboflow Workflows';

let channel: vscode.LogOutputChannel | undefined;

function output(): vscode.LogOutputChannel {
  channel ??= vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME, { log: true });
  return channel;
}

export interface PreviewLog {
  info(message: string, redactor?: Redactor): void;
  warn(message: string, redactor?: Redactor): void;
  error(message: string, redactor?: Redactor): void;
  show(): void;
}

/** Shape-based masking even without a run's redactor (an `api_key=…` in a URL, a `Bearer …`). */
let fallback: Redactor | undefined;
function redact(message: string, redactor?: Redactor): string {
  if (redactor) return redactor.redact(message);
  fallback ??= new (loadCore().Redactor)();
  return fallback.redact(message);
}

export const previewLog: PreviewLog = {
  info: (message, redactor) => output().info(redact(message, redactor)),
  warn: (message, redactor) => output().warn(redact(message, redactor)),
  error: (message, redactor) => output().error(redact(message, redactor)),
  show: () => output().show(true),
};

export function disposePreviewLog(): void {
  channel?.dispose();
  channel = undefined;
}
