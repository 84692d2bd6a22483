import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** What the fake server does with one chat-completions request. */
export type Reply =
  | { kind: "ok"; content: string; logprobs?: Array<{ token: string; logprob: number }>; delayMs?: number; promptTokens?: number; completionTokens?: number }
  | { kind: "status"; status: number; body?: string; headers?: Record<string, string>; delayMs?: number }
  /** A 200 whose body is cut off mid-way: the connection closes before Content-Length bytes came. */
  | { kind: "truncated"; content: string; delayMs?: number }
  /** The connection is dropped before any response. */
  | { kind: "drop"; delayMs?: number };

export interface ChatRequest {
  readonly model: string;
  readonly messages: Array<{ role: string; content: string }>;
  readonly logprobs?: boolean;
  readonly top_logprobs?: number;
  readonly temperature?: number;
  readonly n?: number;
  readonly [key: string]: unknown;
}

/**
 * A loopback OpenAI-compatible server (`POST /v1/chat/completions`), for driving the real
 * `ChatOpenAI` in tests: each request is answered by `handler`, which can reply, fail with a
 * status, or stall.
 */
export async function startOpenAiServer(handler: (request: ChatRequest, index: number) => Reply | Promise<Reply>) {
  const requests: ChatRequest[] = [];
  /** The Authorization header of each request, in order. */
  const authorizations: string[] = [];
  /**
   * What a provider would bill: every completion generated, with its usage, whether or not the
   * client was still there to read it (a client killed mid-call is billed all the same).
   */
  const billed: Array<{ index: number; promptTokens: number; completionTokens: number }> = [];
  const server: Server = createServer(async (req, res) => {
    if (req.method !== "POST" || !req.url?.endsWith("/chat/completions")) {
      res.writeHead(404).end();
      return;
    }
    const request = JSON.parse(await body(req)) as ChatRequest;
    authorizations.push(req.headers.authorization ?? "");
    const index = requests.push(request) - 1;
    const reply = await handler(request, index);
    if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
    if (reply.kind === "ok" || reply.kind === "truncated") billed.push({ index, ...usage(request, reply) });
    if (res.destroyed) return;
    if (reply.kind === "status") {
      res.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
      res.end(reply.body ?? JSON.stringify({ error: { message: `status ${reply.status}`, type: "server_error" } }));
      return;
    }
    if (reply.kind === "drop") {
      req.socket.destroy();
      return;
    }
    if (reply.kind === "truncated") {
      const full = completion(request, index, { kind: "ok", content: reply.content });
      res.writeHead(200, { "content-type": "application/json", "content-length": String(Buffer.byteLength(full)) });
      res.write(full.slice(0, Math.floor(full.length / 2)));
      setTimeout(() => req.socket.destroy(), 20);
      return;
    }
    res.writeHead(200, { "content-type": "application/json" });
    res.end(completion(request, index, reply));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    authorizations,
    billed,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Usage as a provider reports it: about four characters a token, unless the reply says. */
function usage(request: ChatRequest, reply: { content: string; promptTokens?: number; completionTokens?: number }) {
  return {
    promptTokens: reply.promptTokens ?? Math.ceil(JSON.stringify(request.messages).length / 4),
    completionTokens: reply.completionTokens ?? Math.ceil(reply.content.length / 4),
  };
}

/** A chat.completion body. */
function completion(request: ChatRequest, index: number, reply: Extract<Reply, { kind: "ok" }>): string {
  const { promptTokens, completionTokens } = usage(request, reply);
  return JSON.stringify({
    id: `chatcmpl-${index}`,
    object: "chat.completion",
    created: 0,
    model: request.model,
    choices: [
      {
        index: 0,
        message: { role: "assistant", content: reply.content },
        logprobs: reply.logprobs ? { content: reply.logprobs.map((t) => ({ ...t, bytes: null, top_logprobs: [] })) } : null,
        finish_reason: "stop",
      },
    ],
    usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
  });
}

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = "";
    req.on("data", (chunk: Buffer) => (data += chunk.toString()));
    req.on("end", () => resolve(data));
    req.on("error", reject);
  });
}
