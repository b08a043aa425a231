import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { WebApp } from "./app.js";

export interface RunningServer {
  /** `http://HOST:PORT` */
  origin: string;
  /** The address to open: it carries the one-time key. */
  loginUrl: string;
  close(): Promise<void>;
}

/** Listens on `host:port` (0 = any free port) and starts the app's schedule. */
export async function listen(web: WebApp, host: string, port: number): Promise<RunningServer> {
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch: web.app.fetch, hostname: host, port }) as Server;
    s.once("listening", () => resolve(s));
    s.once("error", reject);
  });
  const address = server.address() as AddressInfo;
  const shown = address.address.includes(":") ? `[${address.address}]` : address.address;
  const origin = `http://${shown === "0.0.0.0" || shown === "[::]" ? "127.0.0.1" : shown}:${address.port}`;
  await web.start();
  return {
    origin,
    loginUrl: `${origin}/login?key=${web.sessions.key ?? ""}`,
    async close() {
      await web.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Open event streams would keep the server up for ever.
        server.closeAllConnections();
      });
    },
  };
}

/** True for a loopback name or address: `localhost`, `127.x.x.x`, `::1` (bare or in brackets, as URLs write it). */
export function isLoopback(host: string): boolean {
  const name = host.replace(/^\[(.*)\]$/, "$1");
  return name === "localhost" || name === "::1" || /^127(\.\d{1,3}){3}$/.test(name);
}
