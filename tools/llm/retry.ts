/** Why a call failed, as far as retrying goes. */
export type FailureKind = "rateLimit" | "server" | "timeout" | "fatal";

/**
 * Classifies an error from a chat model call. The OpenAI SDK (and ChatOpenAI) put the HTTP status
 * on the error; activegraph's simulator does the same, so one policy serves both.
 */
export function classifyFailure(error: unknown): FailureKind {
  const e = error as { status?: number; name?: string; code?: string; message?: string };
  if (e?.status === 429) return "rateLimit";
  if (typeof e?.status === "number" && e.status >= 500) return "server";
  if (e?.status === 408) return "timeout";
  if (e?.name === "TimeoutError" || e?.name === "APIConnectionTimeoutError" || /timed? ?out/i.test(e?.message ?? "")) return "timeout";
  if (e?.name === "APIConnectionError" || e?.code === "ECONNRESET" || e?.code === "ECONNREFUSED") return "server";
  return "fatal";
}

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
 * Runs `call`, retrying after a rate limit, a server error or a timeout with exponential backoff
 * (base × 2^attempt, with jitter, or the server's Retry-After); other errors are thrown at once.
 */
export async function withRetry<T>(call: (attempt: number) => Promise<T>, policy: RetryPolicy, signal?: AbortSignal): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call(attempt);
    } catch (error) {
      const kind = classifyFailure(error);
      if (kind === "fatal" || attempt >= policy.maxRetries || signal?.aborted) throw error;
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
