import type { ServerFailure, WorkflowValidationResult } from '../server/types';

/**
 * What a `POST /workflows/validate` answer means. The engine's compile errors come back as 400s
 * (definition, reference and client errors) or as 500s with an `error_type` (other WorkflowErrors,
 * e.g. StepInputLineageError): those are a verdict on the workflow. Anything else (no answer, a
 * refused key, a server without the route, an internal error) says nothing about it.
 */
export type ServerVerdict =
  | { verdict: 'compiles' }
  | { verdict: 'rejects'; failure: ServerFailure & { errorType: string } }
  | { verdict: 'none'; failure: ServerFailure };

export function serverVerdict(result: WorkflowValidationResult): ServerVerdict {
  if (result.ok) return { verdict: 'compiles' };
  const isCompileError = result.kind === 'http' && result.errorType !== undefined && (result.status === 400 || result.status === 500);
  return isCompileError ? { verdict: 'rejects', failure: result as ServerFailure & { errorType: string } } : { verdict: 'none', failure: result };
}
