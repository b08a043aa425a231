import { randomBytes } from "node:crypto";
import { html, json, type Reply, type Route, type RouteContext } from "./router.js";

const OOB = "urn:ietf:wg:oauth:2.0:oob";

const invalidClient = (): Reply => json(401, { error: "invalid_client", error_description: "Client authentication failed" });
const invalidGrant = (what: string): Reply => json(400, { error: "invalid_grant", error_description: `The ${what} is invalid, expired, revoked or already used` });

function badClient(ctx: RouteContext, needSecret: boolean): boolean {
  const { client_id: id, client_secret: secret } = ctx.form;
  return id !== ctx.state.clientId || (needSecret && secret !== ctx.state.clientSecret);
}

const DEVICE_ERRORS: Record<number, string> = {
  400: "authorization_pending",
  404: "invalid_device_code",
  409: "code_already_used",
  410: "expired_token",
  418: "access_denied",
  429: "slow_down",
};

/** OAuth as Trakt serves it on auth.trakt.tv (here on the same host as the API). */
export const oauthRoutes: Route[] = [
  {
    method: "POST",
    path: "/oauth/device/code",
    handle: (ctx) => {
      if (badClient(ctx, false)) return invalidClient();
      return json(200, { ...ctx.state.devices.issue(), verification_url: `${ctx.state.url}/activate` });
    },
  },
  {
    method: "POST",
    path: "/oauth/device/token",
    handle: (ctx) => {
      if (badClient(ctx, true)) return invalidClient();
      // Trakt's field is `code`, not RFC 8628's `device_code`.
      const status = ctx.state.devices.poll(ctx.form.code ?? "");
      if (status === 200) return json(200, ctx.state.tokens.issue(ctx.state.library.owner));
      return json(status, { error: DEVICE_ERRORS[status] });
    },
  },
  {
    method: "GET",
    path: "/oauth/authorize",
    // Auto-approves for the library's first user, as if they had logged in and clicked "Yes".
    handle: ({ query, state }) => {
      if (query.client_id !== state.clientId) return html(401, "<!DOCTYPE html><html><body><h1>Invalid client</h1></body></html>\n");
      if (query.response_type !== "code" || !query.redirect_uri) return html(400, "<!DOCTYPE html><html><body><h1>Bad request</h1></body></html>\n");
      const code = randomBytes(16).toString("hex");
      state.authorizationCodes.set(code, { user: state.library.owner, redirectUri: query.redirect_uri, expiresAt: state.now() + 600_000, used: false });
      if (query.redirect_uri === OOB) {
        return html(200, `<!DOCTYPE html><html><body><h1>Authorization code</h1><p>Copy this code into the application:</p><code id="code">${code}</code></body></html>\n`);
      }
      const target = new URL(query.redirect_uri);
      target.searchParams.set("code", code);
      if (query.state !== undefined) target.searchParams.set("state", query.state);
      return { status: 302, headers: { Location: target.toString() }, text: "" };
    },
  },
  {
    method: "POST",
    path: "/oauth/token",
    handle: (ctx) => {
      if (badClient(ctx, true)) return invalidClient();
      const { grant_type: grant, code, refresh_token: refreshToken, redirect_uri: redirectUri } = ctx.form;
      if (grant === "authorization_code") {
        const issued = ctx.state.authorizationCodes.get(code ?? "");
        if (!issued || issued.used || ctx.state.now() >= issued.expiresAt || issued.redirectUri !== redirectUri) {
          return invalidGrant("authorization code");
        }
        issued.used = true;
        return json(200, ctx.state.tokens.issue(issued.user));
      }
      if (grant === "refresh_token") {
        const token = ctx.state.tokens.refresh(refreshToken ?? "");
        return token ? json(200, token) : invalidGrant("refresh token");
      }
      return json(400, { error: "unsupported_grant_type", error_description: "grant_type must be authorization_code or refresh_token" });
    },
  },
  {
    method: "POST",
    path: "/oauth/revoke",
    handle: (ctx) => {
      if (badClient(ctx, true)) return invalidClient();
      ctx.state.tokens.revoke(ctx.form.token ?? "");
      return json(200, {});
    },
  },
];
