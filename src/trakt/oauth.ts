/**
 * Trakt OAuth against the auth host (https://auth.trakt.tv since July 2026): device flow,
 * authorization-code flow, refresh and revoke (TRAKT-API.md "OAuth").
 */
import { z } from "zod";
import { AuthError, TraktHttpError } from "../errors.js";
import type { TraktClient } from "./client.js";
import { deviceCodeSchema, tokenSchema, type DeviceCode, type TraktToken } from "./schemas.js";

/** The out-of-band redirect: Trakt shows the code for the user to paste. */
export const OOB_REDIRECT_URI = "urn:ietf:wg:oauth:2.0:oob";

export async function requestDeviceCode(client: TraktClient): Promise<DeviceCode> {
  return client.post("/oauth/device/code", {}, deviceCodeSchema, { host: "auth", clientCredentials: "id" });
}

export interface DevicePoll {
  /** Polls made so far, this one included. */
  attempt: number;
  status: "pending" | "slow-down";
  /** Wait before the next poll. */
  intervalMs: number;
  /** Until the code expires. */
  remainingMs: number;
}

export interface PollDeviceTokenOptions {
  /** After each unanswered poll, e.g. to show a spinner. */
  onPoll?: (poll: DevicePoll) => void;
}

/** What each final status of `/oauth/device/token` means for the user. */
const DEVICE_FAILURES: Record<number, [AuthError["reason"], string]> = {
  404: ["invalid-code", "Trakt does not know this device code; run `trakt-letterboxd auth` again."],
  409: ["code-used", "This device code was already used; run `trakt-letterboxd auth` again."],
  410: ["expired", "The device code expired before it was approved; run `trakt-letterboxd auth` again."],
  418: ["denied", "The login was denied on Trakt; run `trakt-letterboxd auth` again and choose Yes."],
};

/**
 * Polls until the user approves or denies the code, or it expires. Waits `interval`
 * seconds between polls; a 429 ("slow down") adds 5 s to it and keeps polling.
 */
export async function pollDeviceToken(client: TraktClient, code: DeviceCode, options: PollDeviceTokenOptions = {}): Promise<TraktToken> {
  const deadline = client.now() + code.expires_in * 1000;
  let intervalMs = Math.max(1, code.interval) * 1000;
  for (let attempt = 1; ; attempt++) {
    await client.sleep(intervalMs);
    if (client.now() >= deadline) throw new AuthError("expired", DEVICE_FAILURES[410]![1]);
    try {
      return await client.post("/oauth/device/token", { code: code.device_code }, tokenSchema, {
        host: "auth",
        clientCredentials: "secret",
        noRetryStatuses: [429],
      });
    } catch (error) {
      if (!(error instanceof TraktHttpError)) throw error;
      const failure = DEVICE_FAILURES[error.status];
      if (failure) throw new AuthError(failure[0], failure[1], { cause: error });
      if (error.status !== 400 && error.status !== 429) throw error;
      const status = error.status === 429 ? "slow-down" : "pending";
      if (status === "slow-down") intervalMs += 5000;
      options.onPoll?.({ attempt, status, intervalMs, remainingMs: Math.max(0, deadline - client.now()) });
    }
  }
}

export interface AuthorizeUrlOptions {
  /** Checked by a loopback redirect's handler. */
  state: string;
  /** Default the out-of-band redirect. */
  redirectUri?: string;
}

export function buildAuthorizeUrl(client: TraktClient, { state, redirectUri = OOB_REDIRECT_URI }: AuthorizeUrlOptions): string {
  const url = new URL(`${client.authUrl.replace(/\/+$/, "")}/oauth/authorize`);
  url.search = new URLSearchParams({ response_type: "code", client_id: client.clientId, redirect_uri: redirectUri, state }).toString();
  return url.href;
}

export async function exchangeCode(client: TraktClient, code: string, redirectUri: string = OOB_REDIRECT_URI): Promise<TraktToken> {
  return client.post("/oauth/token", { code, redirect_uri: redirectUri, grant_type: "authorization_code" }, tokenSchema, {
    host: "auth",
    clientCredentials: "secret",
  });
}

/** `exchangeCode` for a code the user pasted (`auth --manual`): Trakt's refusal becomes an AuthError saying what to do, as DEVICE_FAILURES does for the device flow. */
export async function exchangePastedCode(client: TraktClient, code: string): Promise<TraktToken> {
  try {
    return await exchangeCode(client, code);
  } catch (error) {
    // Trakt answers a mistyped, expired or used code with 400 invalid_grant (401 from some hosts).
    if (error instanceof TraktHttpError && (error.status === 400 || error.status === 401)) {
      throw new AuthError("invalid-code", "Trakt refused the code (mistyped, expired or already used); run `trakt-letterboxd auth --manual` again and paste the new code the page shows.", { cause: error });
    }
    throw error;
  }
}

/** Trades a (single-use) refresh token for a new pair. Callers save the result at once. */
export async function refreshToken(client: TraktClient, token: string, redirectUri: string = OOB_REDIRECT_URI): Promise<TraktToken> {
  return client.post("/oauth/token", { refresh_token: token, redirect_uri: redirectUri, grant_type: "refresh_token" }, tokenSchema, {
    host: "auth",
    clientCredentials: "secret",
    // A refresh token works once: a second POST after a lost answer would spend nothing and fail.
    sendOnce: true,
  });
}

export async function revokeToken(client: TraktClient, accessToken: string): Promise<void> {
  await client.post("/oauth/revoke", { token: accessToken }, z.unknown(), { host: "auth", clientCredentials: "secret" });
}
