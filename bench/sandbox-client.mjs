// The Trakt client a measured child uses: the built code, logged in to the benchmark's
// sandbox with the token its "ready" message carries.
import { AuthSession, createTraktClient, MemoryTokenStore } from "../dist/trakt/index.js";
import { USER_AGENT } from "../dist/version.js";

export function sandboxClient(ready) {
  return createTraktClient({
    clientId: ready.clientId,
    clientSecret: ready.clientSecret,
    apiUrl: ready.url,
    authUrl: ready.url,
    userAgent: USER_AGENT,
    session: new AuthSession({ store: new MemoryTokenStore(ready.token) }),
  });
}
