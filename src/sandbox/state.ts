import type { DeviceCodes } from "./device-codes.js";
import type { LibraryIndex } from "./library-index.js";
import type { SandboxUser } from "./library-types.js";
import type { TokenStore } from "./tokens.js";

interface AuthorizationCode {
  user: SandboxUser;
  redirectUri: string;
  expiresAt: number;
  used: boolean;
}

/** Everything the route handlers share. */
export interface SandboxState {
  /** Set once the server listens. */
  url: string;
  clientId: string;
  clientSecret: string;
  now: () => number;
  library: LibraryIndex;
  tokens: TokenStore;
  devices: DeviceCodes;
  authorizationCodes: Map<string, AuthorizationCode>;
}
