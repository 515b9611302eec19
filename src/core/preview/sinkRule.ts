import type { WorkflowModel } from '../model/workflow';
import { describeServerSoftware, type ServerIdentity } from '../server/serverIdentity';
import { isOlderThan } from '../server/serverVersion';

/**
 * Previews ask the server not to fire sinks (`disable_sinks: true`), but servers older than
 * inference 1.3.7 ignore that field: on them a preview would send the e-mails, SMS and webhooks.
 * So, with sink steps in the workflow:
 *  - a server known to be older runs the preview only when "Let sinks fire" is ticked;
 *  - a server whose version is unknown (no /info answer, or a version that is not PEP 440) runs
 *    it with a warning: /info exists on every inference version, so a server that cannot answer
 *    it is usually down (and the run fails, firing nothing) or a custom build, not an old release;
 *    refusing would block previews on every server behind a gateway that hides /info.
 */

export const DISABLE_SINKS_SINCE = '1.3.7';

/** yes: the server honours disable_sinks · no: it ignores it · unknown: its version is unknown. */
export type DisableSinksSupport = 'yes' | 'no' | 'unknown';

export function disableSinksSupport(identity: ServerIdentity | undefined): DisableSinksSupport {
  if (identity?.status !== 'identified') return 'unknown';
  const older = isOlderThan(identity.version, DISABLE_SINKS_SINCE);
  return older === undefined ? 'unknown' : older ? 'no' : 'yes';
}

/** Names of the steps whose block is a sink in the catalog (unnamed steps by their type). */
export function sinkStepNames(model: WorkflowModel | undefined): string[] {
  if (!model) return [];
  return model.steps.filter((step) => step.block?.blockType === 'sink').map((step) => step.name ?? step.type ?? `#${step.index + 1}`);
}

function theSinkSteps(steps: readonly string[]): string {
  const names = steps.map((name) => `\`${name}\``).join(', ');
  return steps.length === 1 ? `the sink step ${names}` : `the ${steps.length} sink steps (${names})`;
}

function thisServer(identity: ServerIdentity | undefined): string {
  return identity ? `This server (${describeServerSoftware(identity)})` : 'This server';
}

/** What the panel says about sinks before a run; undefined when the workflow has none. */
export function sinksNotice(identity: ServerIdentity | undefined, steps: readonly string[]): { support: DisableSinksSupport; message: string } | undefined {
  if (steps.length === 0) return undefined;
  const support = disableSinksSupport(identity);
  switch (support) {
    case 'no':
      return {
        support,
        message: `${thisServer(identity)} ignores disable_sinks: ${theSinkSteps(steps)} would fire. Tick "Let sinks fire" to run anyway, or use a server ≥ ${DISABLE_SINKS_SINCE}.`,
      };
    case 'unknown': {
      const why = identity === undefined ? 'it has not answered /info yet' : identity.status === 'unidentified' ? identity.reason : `"${identity.version}" is not a version this extension understands`;
      return {
        support,
        message: `This server's version is unknown (${why}). Previews ask it not to fire sinks, but servers older than inference ${DISABLE_SINKS_SINCE} ignore that: on one, ${theSinkSteps(steps)} would fire.`,
      };
    }
    case 'yes':
      return { support, message: `Previews ask the server not to fire ${theSinkSteps(steps)}, unless you tick "Let sinks fire".` };
  }
}

/** Whether a preview may be sent: refused only on a server known to ignore disable_sinks. */
export function sinksAllowRun(identity: ServerIdentity | undefined, steps: readonly string[], runSinks: boolean): { ok: true } | { ok: false; reason: string } {
  if (runSinks || steps.length === 0 || disableSinksSupport(identity) !== 'no') return { ok: true };
  return { ok: false, reason: sinksNotice(identity, steps)!.message };
}
