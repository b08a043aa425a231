import { describe, expect, it } from "vitest";
import { describeError } from "../src/describe-error.js";
import { TraktParseError } from "../src/errors.js";

describe("describeError", () => {
  const at = { status: 200, method: "GET", url: "https://api.trakt.tv/sync/last_activities" };

  it("sends the user to try again later only when the answer was not JSON at all", () => {
    expect(describeError(new TraktParseError({ ...at, detail: 'expected JSON, got an HTML page (Cloudflare?): "Just a moment..."' }))).toContain("try again later");
  });

  it("says that trying again will not help when the JSON has a shape the tool does not know", () => {
    const line = describeError(new TraktParseError({ ...at, detail: "unexpected response: all: Invalid input", shape: true }));
    expect(line).toContain("trying again will not help");
    expect(line).not.toContain("try again later");
  });
});
