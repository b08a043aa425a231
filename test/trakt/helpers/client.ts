import { createTraktClient, type ClientEvent, type TraktClient, type TraktClientOptions } from "../../../src/trakt/index.js";
import { fakeClock, type FakeClock } from "./fake-clock.js";

export const CLIENT_SECRET = "s3cret-client-secret-value";
export const USER_AGENT = "trakt-letterboxd/0.1.0-test (+https://example.invalid)";

export interface TestClient {
  client: TraktClient;
  clock: FakeClock;
  events: ClientEvent[];
}

/** A client on a fake clock (sleeps are instant) with deterministic jitter, recording its events. */
export function testClient(url: string, overrides: Partial<TraktClientOptions> = {}, clock: FakeClock = fakeClock()): TestClient {
  const events: ClientEvent[] = [];
  const client = createTraktClient({
    clientId: "test-client-id",
    clientSecret: CLIENT_SECRET,
    apiUrl: url,
    authUrl: url,
    userAgent: USER_AGENT,
    now: clock.now,
    sleep: clock.sleep,
    random: () => 0.5,
    onEvent: (event) => events.push(event),
    ...overrides,
  });
  return { client, clock, events };
}
