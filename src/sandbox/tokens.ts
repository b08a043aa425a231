import { randomBytes } from "node:crypto";
import type { SandboxUser } from "./library-types.js";
import type { TraktToken } from "./types.js";

interface Grant {
  user: SandboxUser;
  accessToken: string;
  refreshToken: string;
  accessExpiresAt: number;
  /** False once refreshed or revoked. */
  live: boolean;
}

/** Issued token pairs. Refresh tokens are single-use, as on Trakt since 2025. */
export class TokenStore {
  private readonly byAccess = new Map<string, Grant>();
  private readonly byRefresh = new Map<string, Grant>();

  constructor(
    private readonly now: () => number,
    private readonly ttlSeconds: number,
  ) {}

  issue(user: SandboxUser): TraktToken {
    const grant: Grant = {
      user,
      accessToken: randomBytes(32).toString("hex"),
      refreshToken: randomBytes(32).toString("hex"),
      accessExpiresAt: this.now() + this.ttlSeconds * 1000,
      live: true,
    };
    this.byAccess.set(grant.accessToken, grant);
    this.byRefresh.set(grant.refreshToken, grant);
    return {
      access_token: grant.accessToken,
      token_type: "bearer",
      expires_in: this.ttlSeconds,
      refresh_token: grant.refreshToken,
      scope: "public",
      created_at: Math.floor(this.now() / 1000),
    };
  }

  /** The owner of a live, unexpired access token. */
  userOf(accessToken: string): SandboxUser | undefined {
    const grant = this.byAccess.get(accessToken);
    return grant && grant.live && this.now() < grant.accessExpiresAt ? grant.user : undefined;
  }

  /** A new pair for a live refresh token, killing the old pair; undefined when the refresh token is unknown or used. */
  refresh(refreshToken: string): TraktToken | undefined {
    const grant = this.byRefresh.get(refreshToken);
    if (!grant?.live) return undefined;
    grant.live = false;
    return this.issue(grant.user);
  }

  /** Kills the pair that either token belongs to. */
  revoke(token: string): void {
    const grant = this.byAccess.get(token) ?? this.byRefresh.get(token);
    if (grant) grant.live = false;
  }

  expireAccessTokens(): void {
    for (const grant of this.byAccess.values()) grant.accessExpiresAt = Number.NEGATIVE_INFINITY;
  }
}
