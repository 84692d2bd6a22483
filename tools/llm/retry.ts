import { failureKind, isRetried } from "./failureKind.js";

/** Seconds from a Retry-After header, when the error carries one. */
function retryAfterMs(error: unknown): number | undefined {
  const headers = (error as { headers?: Headers | Record<string, string> })?.headers;
  const value = headers instanceof Headers ? headers.get("retry-after") : headers?.["retry-after"];
  const seconds = value === undefined || value === null ? Number.NaN : Number(value);
  return Number.isFinite(seconds) ? seconds * 1000 : undefined;
}

export interface RetryPolicy {
  readonly maxRetries: number;
  readonly baseMs: number;
  /** Upper bound of one wait. */
  readonly maxWaitMs?: number;
}

/**
 * Runs `call`, retrying what may pass (a rate limit, a server error, a timeout, a dropped
 * connection or a truncated body: tools/llm/failureKind.ts) with exponential backoff (base ×
 * 2^attempt, with jitter, or the server's Retry-After); other errors are thrown at once.
 */
export async function withRetry<T>(call: (attempt: number) => Promise<T>, policy: RetryPolicy, signal?: AbortSignal): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call(attempt);
    } catch (error) {
      if (!isRetried(failureKind(error)) || attempt >= policy.maxRetries || signal?.aborted) throw error;
      const backoff = policy.baseMs * 2 ** attempt * (0.5 + Math.random() / 2);
      const wait = Math.min(retryAfterMs(error) ?? backoff, policy.maxWaitMs ?? 60_000);
      await sleep(wait, signal);
    }
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
