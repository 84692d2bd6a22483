import { describe, expect, it } from "vitest";
import { failureKind, isFatal, isRetried, mayBeBilled } from "../tools/llm/failureKind.js";

const http = (status: number, message = `${status}`, code?: string) => Object.assign(new Error(message), { status, ...(code ? { error: { code } } : {}) });
const withCause = (message: string, cause: object) => Object.assign(new TypeError(message), { cause });

describe("failureKind: one policy for every provider", () => {
  it.each([
    ["429", http(429), "rateLimit"],
    ["500", http(500), "server"],
    ["503", http(503), "server"],
    ["408", http(408), "timeout"],
    ["401", http(401, "401 Incorrect API key"), "auth"],
    ["403", http(403), "auth"],
    ["404", http(404, "404 The model `x` does not exist"), "unknownModel"],
    ["400 naming the model", http(400, "400 The model `foo` does not exist"), "unknownModel"],
    ["400 model_not_found", http(400, "400 bad", "model_not_found"), "unknownModel"],
    ["400 context too long", http(400, "400 This model's maximum context length is 8192 tokens"), "request"],
    ["a truncated body (undici)", withCause("terminated", { name: "SocketError", code: "UND_ERR_SOCKET", message: "other side closed" }), "connection"],
    ["ECONNRESET", withCause("fetch failed", { code: "ECONNRESET" }), "connection"],
    ["premature close", new Error("Premature close"), "connection"],
    ["a reply body cut mid-JSON", new SyntaxError("Unexpected end of JSON input"), "connection"],
    ["ECONNREFUSED", withCause("fetch failed", { code: "ECONNREFUSED" }), "unreachable"],
    ["our timeout", Object.assign(new Error("timed out after 200 ms"), { name: "TimeoutError" }), "timeout"],
    ["anything else", new Error("boom"), "request"],
  ])("%s", (_name, error, kind) => {
    expect(failureKind(error)).toBe(kind);
  });

  it("retries what may pass, stops on what cannot, and counts as spent what may have been billed", () => {
    expect(["rateLimit", "server", "timeout", "connection", "unreachable"].every((kind) => isRetried(kind as never))).toBe(true);
    expect(["auth", "unknownModel", "request"].some((kind) => isRetried(kind as never))).toBe(false);
    expect(["auth", "unknownModel"].every((kind) => isFatal(kind as never))).toBe(true);
    expect(["rateLimit", "server", "request", "connection"].some((kind) => isFatal(kind as never))).toBe(false);
    expect(["timeout", "connection"].every((kind) => mayBeBilled(kind as never))).toBe(true);
    expect(["rateLimit", "server", "unreachable", "auth"].some((kind) => mayBeBilled(kind as never))).toBe(false);
  });
});
