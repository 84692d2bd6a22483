/**
 * Why a chat-model call failed, decided in one place for every provider (ChatOpenAI and any
 * OpenAI-compatible server, the simulator, models registered in code), and what follows from it:
 *
 * | kind          | what happened                                                   | retried | run stops | maybe billed |
 * | ------------- | --------------------------------------------------------------- | ------- | --------- | ------------ |
 * | rateLimit     | 429                                                             | yes     | no        | no           |
 * | server        | 5xx                                                             | yes     | no        | no           |
 * | timeout       | our timeout, 408, the SDK's connection timeout                  | yes     | no        | yes          |
 * | connection    | dropped connection, truncated body ("terminated", ECONNRESET…)  | yes     | no        | yes          |
 * | unreachable   | nothing listens (ECONNREFUSED, DNS)                             | yes     | no        | no           |
 * | auth          | 401, 403: the key is wrong or may not use the model              | no      | yes       | no           |
 * | unknownModel  | 404, or a 400 naming the model                                   | no      | yes       | no           |
 * | request       | any other refusal of this one call (400 context too long…)      | no      | no        | no           |
 *
 * "Maybe billed": the provider may have done the work although no reply came, so the call counts
 * as spent at its worst case.
 */
export type FailureKind = "rateLimit" | "server" | "timeout" | "connection" | "unreachable" | "auth" | "unknownModel" | "request";

const RETRIED: ReadonlySet<FailureKind> = new Set(["rateLimit", "server", "timeout", "connection", "unreachable"]);
const FATAL: ReadonlySet<FailureKind> = new Set(["auth", "unknownModel"]);
const MAYBE_BILLED: ReadonlySet<FailureKind> = new Set(["timeout", "connection"]);

/** Worth asking again after a backoff. */
export const isRetried = (kind: FailureKind): boolean => RETRIED.has(kind);
/** No call of the run can succeed: stop at once and say why. */
export const isFatal = (kind: FailureKind): boolean => FATAL.has(kind);
/** No reply came, but the provider may have billed the call. */
export const mayBeBilled = (kind: FailureKind): boolean => MAYBE_BILLED.has(kind);

const CONNECTION_CODES = new Set([
  "ECONNRESET",
  "EPIPE",
  "ECONNABORTED",
  "ETIMEDOUT",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
  "UND_ERR_ABORTED",
  "ERR_STREAM_PREMATURE_CLOSE",
]);
const UNREACHABLE_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "UND_ERR_CONNECT_TIMEOUT"]);
const CONNECTION_MESSAGES =
  /terminated|premature close|socket hang up|other side closed|connection error|fetch failed|ECONNRESET|unexpected end of (JSON|data)|Unterminated string in JSON/i;

interface ErrorLike {
  status?: unknown;
  name?: unknown;
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  error?: { code?: unknown; message?: unknown } | null;
}

/**
 * Classifies an error from a chat-model call. The OpenAI SDK (and so ChatOpenAI) puts the HTTP
 * status on the error and the transport's error in `cause`; the simulator sets `status` too.
 */
export function failureKind(error: unknown): FailureKind {
  const e = (error ?? {}) as ErrorLike;
  const status = typeof e.status === "number" ? e.status : undefined;
  if (status !== undefined) {
    if (status === 429) return "rateLimit";
    if (status === 401 || status === 403) return "auth";
    if (status === 404) return "unknownModel";
    if (status === 408) return "timeout";
    if (status >= 500) return "server";
    if (namesUnknownModel(e)) return "unknownModel";
    if (status >= 400) return "request";
  }
  const chain = causes(error);
  const name = (x: ErrorLike) => `${String(x.name ?? "")} ${(x as object).constructor?.name ?? ""}`;
  if (chain.some((x) => /TimeoutError|APIConnectionTimeoutError/.test(name(x)) || /timed? ?out/i.test(String(x.message ?? "")))) return "timeout";
  if (chain.some((x) => UNREACHABLE_CODES.has(String(x.code ?? "")))) return "unreachable";
  if (
    chain.some((x) => CONNECTION_CODES.has(String(x.code ?? "")) || /APIConnectionError/.test(name(x)) || CONNECTION_MESSAGES.test(String(x.message ?? "")))
  ) {
    return "connection";
  }
  // A reply body that is not JSON reached the SDK cut off: our own reply parsing happens after the call.
  if (chain[0] instanceof SyntaxError) return "connection";
  return "request";
}

function namesUnknownModel(e: ErrorLike): boolean {
  const code = String(e.error?.code ?? e.code ?? "");
  if (code === "model_not_found") return true;
  return /\bmodel\b.*\b(not found|does not exist|not exist|unknown|invalid|not available|not supported)\b/i.test(String(e.message ?? ""));
}

/** The error and its causes, outermost first (bounded: causes can be cyclic). */
function causes(error: unknown): ErrorLike[] {
  const chain: ErrorLike[] = [];
  let current = error;
  while (current && typeof current === "object" && chain.length < 8 && !chain.includes(current as ErrorLike)) {
    chain.push(current as ErrorLike);
    current = (current as ErrorLike).cause;
  }
  return chain;
}
