/**
 * A tiny local HTTP server answering from a script, octokit-style: a queue of responses
 * (`[{status:429, headers:{"retry-after":"1"}}, {status:200, body:[…]}]`) or a handler,
 * and a log of every request it saw.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface ScriptedResponse {
  status?: number;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is (HTML pages, broken JSON). */
  raw?: string;
  /** Destroy the connection without answering. */
  reset?: boolean;
  /** Announce a long body, send a little, then hang up. */
  truncate?: boolean;
  /** Answer after this many real milliseconds. */
  delayMs?: number;
}

export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingMessage["headers"];
  body: unknown;
}

export type Handler = (request: LoggedRequest) => ScriptedResponse | Promise<ScriptedResponse>;

export interface ScriptedServer {
  url: string;
  requests: LoggedRequest[];
  /** Queue more responses. */
  push(...responses: ScriptedResponse[]): void;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function answer(response: ServerResponse, scripted: ScriptedResponse): void {
  if (scripted.reset) {
    response.socket?.destroy();
    return;
  }
  const text = scripted.raw ?? (scripted.body === undefined ? "" : JSON.stringify(scripted.body));
  const headers: Record<string, string> = {
    "content-type": scripted.raw === undefined ? "application/json" : "text/html",
    ...scripted.headers,
  };
  if (scripted.truncate) {
    response.writeHead(scripted.status ?? 200, { ...headers, "content-length": String(text.length + 1000) });
    response.write(text.slice(0, Math.max(1, Math.floor(text.length / 2))));
    setTimeout(() => response.socket?.destroy(), 5);
    return;
  }
  response.writeHead(scripted.status ?? 200, headers);
  response.end(text);
}

export async function startScriptedServer(script: ScriptedResponse[] | Handler = []): Promise<ScriptedServer> {
  const queue = Array.isArray(script) ? [...script] : [];
  const handler: Handler = Array.isArray(script)
    ? () => queue.shift() ?? { status: 599, body: { error: "script exhausted" } }
    : script;
  const requests: LoggedRequest[] = [];
  const server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? "/", "http://localhost");
      const logged: LoggedRequest = {
        method: request.method ?? "GET",
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: request.headers,
        body: await readBody(request),
      };
      requests.push(logged);
      const scripted = await handler(logged);
      if (scripted.delayMs) await new Promise((resolve) => setTimeout(resolve, scripted.delayMs));
      answer(response, scripted);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    push: (...responses) => queue.push(...responses),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
