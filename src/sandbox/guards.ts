import type { IncomingMessage } from "node:http";
import { cloudflarePage } from "./cloudflare.js";
import { html, json, type Reply } from "./router.js";

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function bearerToken(req: IncomingMessage): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header(req, "authorization") ?? "");
  return match?.[1];
}

/** Cloudflare blocks requests without a User-Agent with an HTML page, before Trakt sees them. */
export function checkUserAgent(req: IncomingMessage): Reply | undefined {
  if ((header(req, "user-agent") ?? "").trim() !== "") return undefined;
  return html(403, cloudflarePage(403), { Server: "cloudflare" });
}

/** The API key and version every API request must carry. */
export function checkApiHeaders(req: IncomingMessage, clientId: string): Reply | undefined {
  if (header(req, "trakt-api-key") !== clientId) {
    return json(403, { error: "invalid_api_key", error_description: "The API key is missing or invalid" });
  }
  if (header(req, "trakt-api-version") !== "2") {
    return json(400, { error: "invalid_api_version", error_description: "Send trakt-api-version: 2" });
  }
  return undefined;
}
