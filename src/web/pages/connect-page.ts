import type { LoginState } from "../device-login.js";
import { h, type Safe } from "../html.js";
import { postForm, when, type PageFrame } from "./layout.js";

export interface ConnectView {
  username: string | undefined;
  /** Whether a Trakt API app (client id) is configured; connecting needs one. */
  hasClientId: boolean;
  login: LoginState;
  /** Why the connection could not be checked or started (no client id, Trakt down). */
  error?: string;
  notice?: string;
}

export function connectPage(frame: PageFrame, view: ConnectView): Safe {
  const message = h`${view.error ? h`<p class="error" role="alert">${view.error}</p>` : ""}${view.notice ? h`<p class="ok">${view.notice}</p>` : ""}`;
  if (view.username) {
    return h`${message}<p data-login-status="connected">Connected to Trakt as <b data-testid="username">${view.username}</b>.</p>
<p class="muted">Your library comes from this account; see <a href="/library">Library</a> or start an <a href="/export">Export</a>.</p>
${postForm(frame, "/connect/logout", h`<button class="secondary" type="submit">Log out</button>`)}
<p class="muted">Logging out revokes the token at Trakt and deletes it on this computer.</p>`;
  }
  if (!view.hasClientId) return h`${message}${noApp}`;
  const login = view.login;
  const start = (label: string) => postForm(frame, "/connect/start", h`<button type="submit">${label}</button>`);
  switch (login.status) {
    case "pending":
      return h`${message}<div data-login-status="pending">
<p>Open <a href="${login.verificationUrl}" target="_blank" rel="noopener noreferrer">${login.verificationUrl}</a> and enter this code:</p>
<p class="code" data-testid="user-code">${login.userCode}</p>
<p class="muted">Waiting for you to approve it on Trakt… (checked <span data-polls>${login.polls}</span> times; the code expires at ${when(login.expiresAt, frame.timeZone)})</p>
</div>
${start("Get a new code")}`;
    case "denied":
    case "expired":
    case "failed":
      return h`${message}<p class="error" data-login-status="${login.status}">${login.message}</p>${start("Try again")}`;
    default:
      return h`${message}<p data-login-status="idle">Not connected to Trakt.</p>
<p class="muted">Connecting shows a code to enter on Trakt's site; the login is saved in the data folder, as <code>trakt-letterboxd auth</code> does.</p>
${start("Connect to Trakt")}`;
  }
}

// Since July 2026 only VIP members can create a Trakt API app; everyone can download the data export.
const noApp = h`<p data-login-status="no-client-id">Connecting to Trakt needs a Trakt API app (a client id), and since July 2026 only VIP members can create one.</p>
<p><b>Without an API app, use <a href="/open">Open a Trakt export</a>:</b> download your data on trakt.tv (Settings → Data) and convert the ZIP here into Letterboxd files. It needs no login and no client id.</p>
<p class="muted">If you have an app, set <code>TRAKT_CLIENT_ID</code> and <code>TRAKT_CLIENT_SECRET</code> (or <code>client_id</code> and <code>client_secret</code> in config.toml) and restart <code>trakt-letterboxd serve</code>.</p>`;
