import type { ServerResponse } from "node:http";
import { cloudflarePage } from "./cloudflare.js";
import type { Fault, FaultRule } from "./types.js";

/** Injected faults, checked in insertion order; a match uses up one of its `times`. */
export class FaultBook {
  private rules: { rule: FaultRule; left: number }[] = [];

  add(rule: FaultRule): void {
    this.rules.push({ rule, left: rule.times ?? 1 });
  }

  clear(): void {
    this.rules = [];
  }

  take(method: string, pathname: string): Fault | undefined {
    const hit = this.rules.find(({ rule, left }) => left > 0 && matches(rule, method, pathname));
    if (!hit) return undefined;
    hit.left -= 1;
    if (hit.left <= 0) this.rules = this.rules.filter((r) => r !== hit);
    return hit.rule.fault;
  }
}

function matches(rule: FaultRule, method: string, pathname: string): boolean {
  if (rule.method !== undefined && rule.method.toUpperCase() !== method) return false;
  if (rule.path === undefined) return true;
  if (typeof rule.path === "string") return rule.path === pathname;
  rule.path.lastIndex = 0;
  return rule.path.test(pathname);
}

/** Answers with a fault other than latency; returns the status to log (0 when there was no HTTP answer). */
export function sendFault(fault: Exclude<Fault, { kind: "latency" }>, res: ServerResponse): number {
  switch (fault.kind) {
    case "status": {
      const body = JSON.stringify(fault.body ?? { error: "sandbox_fault", error_description: `Injected ${fault.status}` });
      res.writeHead(fault.status, { "Content-Type": "application/json; charset=utf-8", ...fault.headers });
      res.end(body);
      return fault.status;
    }
    case "html": {
      const headers: Record<string, string> = { "Content-Type": "text/html; charset=UTF-8", Server: "cloudflare" };
      if (fault.retryAfter !== undefined) headers["Retry-After"] = fault.retryAfter;
      res.writeHead(fault.status, headers);
      res.end(cloudflarePage(fault.status));
      return fault.status;
    }
    case "reset":
      res.socket?.destroy();
      return 0;
    case "truncate": {
      const partial = '[{"id":1,"watched_at":"2024-01-01T00:00:00.000Z","action":"watch","type":"mov';
      res.writeHead(200, { "Content-Type": "application/json; charset=utf-8", "Content-Length": String(partial.length + 4096) });
      res.write(partial, () => res.socket?.destroy());
      return 0;
    }
  }
}
