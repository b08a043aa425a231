import { describeError } from "../describe-error.js";
import type { DeviceLogin } from "./device-login.js";
import { connectPage, type ConnectView } from "./pages/connect-page.js";
import type { WebContext, WebRoutes } from "./web-context.js";

const TITLE = "Connect to Trakt";

/** "Connect": the device-code login driven from the page (as `auth`), who is connected, log out. */
export function connectRoutes(app: WebRoutes, ctx: WebContext, login: DeviceLogin): void {
  const { page } = ctx;
  const view = async (extra: Partial<ConnectView> = {}): Promise<ConnectView> => {
    let user: string | undefined;
    let error: string | undefined;
    try {
      user = await login.connectedUser();
    } catch (e) {
      error = `Could not check the login with Trakt: ${describeError(e)}`;
    }
    return { username: user, hasClientId: ctx.settings.clientId !== undefined, login: login.state, error, ...extra };
  };

  app.get("/connect", async (c) => page(c, "connect", TITLE, async (frame) => connectPage(frame, await view())));
  app.get("/api/connect", async (c) => c.json(login.state));
  app.post("/connect/start", async (c) => {
    try {
      await login.start();
      return c.redirect("/connect", 303);
    } catch (error) {
      return page(c, "connect", TITLE, async (frame) => connectPage(frame, await view({ error: describeError(error) })), 502);
    }
  });
  app.post("/connect/logout", async (c) => {
    const warning = await login.logout();
    return page(c, "connect", TITLE, async (frame) => connectPage(frame, await view({ error: warning, notice: "Logged out." })));
  });
}
