import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ActiveGraphError, formatZodIssues } from "../../tools/errors.js";
import { pageAssets } from "./bundle.js";
import { threadCurveSvg } from "./curve.js";
import type { LabelDesk } from "./desk.js";
import { AnswersRequestSchema, WorkQuerySchema } from "./protocol.js";

const MAX_BODY = 1 << 20;

export interface LabelServer {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Serves the labelling page on loopback only: the page, its script and style, the learning curve,
 * and a small JSON API (GET /api/work, POST /api/answers) over the desk. Requests naming another
 * host (DNS rebinding) or posting anything but JSON (a cross-site form) are refused.
 */
export async function startLabelServer(desk: LabelDesk, port: number): Promise<LabelServer> {
  const assets = await pageAssets();
  let curve: { rounds: number; svg: string | null } = { rounds: -1, svg: null };

  const server = createServer(async (req, res) => {
    try {
      const address = server.address() as AddressInfo;
      const hosts = [`127.0.0.1:${address.port}`, `localhost:${address.port}`];
      if (!hosts.includes(req.headers.host ?? "")) return send(res, 403, "text/plain", "this page answers on 127.0.0.1 and localhost only");
      const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
      if (req.method === "GET" && url.pathname === "/") return send(res, 200, "text/html; charset=utf-8", assets.html);
      if (req.method === "GET" && url.pathname === "/app.js") return send(res, 200, "text/javascript; charset=utf-8", assets.js);
      if (req.method === "GET" && url.pathname === "/favicon.ico") return send(res, 204, "text/plain", "");
      if (req.method === "GET" && url.pathname === "/app.css") return send(res, 200, "text/css; charset=utf-8", assets.css);
      if (req.method === "GET" && url.pathname === "/curve.svg") {
        const view = desk.current;
        if (view && view.history.length !== curve.rounds) curve = { rounds: view.history.length, svg: await threadCurveSvg(view) };
        return curve.svg ? send(res, 200, "image/svg+xml", curve.svg) : send(res, 404, "text/plain", "no round evaluated yet");
      }
      if (req.method === "GET" && url.pathname === "/api/work") {
        const query = WorkQuerySchema.safeParse(Object.fromEntries(url.searchParams));
        if (!query.success) return json(res, 400, { error: formatZodIssues(query.error.issues) });
        return json(res, 200, desk.work(query.data.annotator));
      }
      if (req.method === "POST" && url.pathname === "/api/answers") {
        if (!(req.headers["content-type"] ?? "").startsWith("application/json")) return json(res, 415, { error: "send the answers as application/json" });
        if (req.headers.origin && !hosts.some((host) => req.headers.origin === `http://${host}`))
          return json(res, 403, { error: "answers come from this page only" });
        let body: unknown;
        try {
          body = JSON.parse(await readBody(req));
        } catch (error) {
          return json(res, 400, { error: `the body is not JSON: ${(error as Error).message}` });
        }
        const request = AnswersRequestSchema.safeParse(body);
        if (!request.success) return json(res, 400, { error: `answer refused, nothing applied: ${formatZodIssues(request.error.issues)}` });
        return json(res, 200, desk.submit(request.data.annotator, request.data.answers));
      }
      return send(res, 404, "text/plain", "not found");
    } catch (error) {
      if (!res.headersSent) json(res, 500, { error: (error as Error).message });
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(error.code === "EADDRINUSE" ? new ActiveGraphError(`port ${port} is taken: choose another with --port`) : error),
    );
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}/`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { "content-type": type, "cache-control": "no-store", "x-content-type-options": "nosniff" });
  res.end(body);
}

function json(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, "application/json; charset=utf-8", JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error(`more than ${MAX_BODY} bytes`));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
