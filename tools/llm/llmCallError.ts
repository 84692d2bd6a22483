import { ActiveGraphError } from "../errors.js";
import type { FailureKind } from "./failureKind.js";

/**
 * A call that failed after its retries, for one call only (the items go to `failed`, the run goes
 * on). Its message has been through the redactor: it may be stored and printed.
 */
export class LlmCallError extends Error {
  override readonly name = "LlmCallError";

  constructor(
    readonly kind: FailureKind,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A failure no later call can escape (the key is refused, the model is unknown): the run stops at
 * once with this one line. Its message has been through the redactor.
 */
export class LlmFatalError extends ActiveGraphError {
  override readonly name = "LlmFatalError";

  constructor(
    readonly kind: FailureKind,
    message: string,
  ) {
    super(message);
  }
}
