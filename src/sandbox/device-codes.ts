import { randomBytes } from "node:crypto";

export interface DeviceFlowSettings {
  interval: number;
  expiresIn: number;
  autoApproveAfterPolls: number | undefined;
}

interface DeviceCode {
  deviceCode: string;
  userCode: string;
  expiresAt: number;
  state: "pending" | "approved" | "denied" | "used";
  lastPollAt: number | undefined;
  pendingPolls: number;
}

/** What a poll of /oauth/device/token gets, as Trakt documents it. */
export type PollStatus = 200 | 400 | 404 | 409 | 410 | 418 | 429;

const USER_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** Device codes issued by /oauth/device/code and their approval state. */
export class DeviceCodes {
  private readonly byDevice = new Map<string, DeviceCode>();
  private readonly byUser = new Map<string, DeviceCode>();
  private latestUserCode: string | undefined;

  constructor(
    private readonly now: () => number,
    private readonly settings: DeviceFlowSettings,
  ) {}

  issue(): { device_code: string; user_code: string; expires_in: number; interval: number } {
    const bytes = randomBytes(8);
    const userCode = Array.from(bytes, (b) => USER_CODE_ALPHABET[b % USER_CODE_ALPHABET.length]).join("");
    const code: DeviceCode = {
      deviceCode: randomBytes(32).toString("hex"),
      userCode,
      expiresAt: this.now() + this.settings.expiresIn * 1000,
      state: "pending",
      lastPollAt: undefined,
      pendingPolls: 0,
    };
    this.byDevice.set(code.deviceCode, code);
    this.byUser.set(userCode, code);
    this.latestUserCode = userCode;
    return { device_code: code.deviceCode, user_code: userCode, expires_in: this.settings.expiresIn, interval: this.settings.interval };
  }

  lastUserCode(): string | undefined {
    return this.latestUserCode;
  }

  /** What the activate page shows for a code: undefined when no such code was issued. */
  status(userCode: string): DeviceCode["state"] | "expired" | undefined {
    const code = this.byUser.get(userCode.toUpperCase());
    if (!code) return undefined;
    return code.state === "pending" && this.now() >= code.expiresAt ? "expired" : code.state;
  }

  decide(userCode: string, state: "approved" | "denied"): void {
    const code = this.byUser.get(userCode.toUpperCase());
    if (!code) throw new Error(`sandbox: no device code with user code ${userCode}`);
    if (code.state === "pending") code.state = state;
  }

  /** One poll; a 200 means the caller issues a token, and the code is then used up. */
  poll(deviceCode: string): PollStatus {
    const code = this.byDevice.get(deviceCode);
    if (!code) return 404;
    if (code.state === "used") return 409;
    if (code.state === "denied") return 418;
    const now = this.now();
    if (now >= code.expiresAt) return 410;
    const tooSoon = code.lastPollAt !== undefined && now - code.lastPollAt < this.settings.interval * 1000;
    code.lastPollAt = now;
    if (tooSoon) return 429;
    const auto = this.settings.autoApproveAfterPolls;
    if (code.state === "pending" && auto !== undefined && code.pendingPolls >= auto) code.state = "approved";
    if (code.state === "approved") {
      code.state = "used";
      return 200;
    }
    code.pendingPolls += 1;
    return 400;
  }
}
