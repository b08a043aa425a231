import type { SandboxServer } from "../../src/sandbox/index.js";

export function apiHeaders(server: SandboxServer, accessToken?: string): Record<string, string> {
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    "User-Agent": "trakt-letterboxd-tests/1.0",
    "trakt-api-key": server.clientId,
    "trakt-api-version": "2",
  };
  if (accessToken !== undefined) headers.Authorization = `Bearer ${accessToken}`;
  return headers;
}

export function get(server: SandboxServer, path: string, accessToken?: string): Promise<Response> {
  return fetch(server.url + path, { headers: apiHeaders(server, accessToken) });
}

export function post(server: SandboxServer, path: string, body: Record<string, unknown>): Promise<Response> {
  return fetch(server.url + path, { method: "POST", headers: apiHeaders(server), body: JSON.stringify(body) });
}

/** A clock the test moves by hand. */
export function manualClock(start = Date.parse("2026-01-10T12:00:00.000Z")): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => (t += ms) };
}
