import { EventEmitter } from "node:events";

/**
 * Every LLM call in flight listens to the run's abort signal, so a wave of 16 or more calls passes
 * Node's default of 10 listeners and prints a leak warning that is not one. Entry points (the CLI,
 * benchmark workers) raise the limit; the library itself changes no global.
 */
export function allowManyAbortListeners(limit = 256): void {
  EventEmitter.defaultMaxListeners = Math.max(EventEmitter.defaultMaxListeners, limit);
}
