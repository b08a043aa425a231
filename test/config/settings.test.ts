import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/errors.js";
import { loadSettings } from "../../src/config/settings.js";
import { withTempDir } from "../helpers/run-cli.js";

describe("loadSettings", () => {
  it("uses defaults when nothing is set", async () => {
    await withTempDir(async (home) => {
      const settings = await loadSettings({}, { home });
      expect(settings).toMatchObject({
        home,
        clientId: undefined,
        apiUrl: "https://api.trakt.tv",
        authUrl: "https://auth.trakt.tv",
        timeZone: undefined,
        tags: [],
        maxFileBytes: 900_000,
        bulkPlays: { mode: "dated", threshold: 10 },
      });
    });
  });

  it("takes bulk_plays and bulk_plays_threshold from config.toml, the flags winning", async () => {
    await withTempDir(async (home) => {
      await writeFile(join(home, "config.toml"), 'bulk_plays = "undated"\nbulk_plays_threshold = 25\n');
      expect((await loadSettings({}, { home })).bulkPlays).toEqual({ mode: "undated", threshold: 25 });
      expect((await loadSettings({}, { home, bulkPlays: "dated", bulkPlaysThreshold: 5 })).bulkPlays).toEqual({ mode: "dated", threshold: 5 });
    });
  });

  it("layers config.toml < environment < flags", async () => {
    await withTempDir(async (home) => {
      await writeFile(
        join(home, "config.toml"),
        'client_id = "from-file"\ntimezone = "Asia/Tokyo"\ntags = ["a", "b"]\napi_url = "http://127.0.0.1:9/"\nmax_file_bytes = 5000\n',
      );
      const fileOnly = await loadSettings({ TRAKT_LETTERBOXD_HOME: home });
      expect(fileOnly).toMatchObject({ clientId: "from-file", timeZone: "Asia/Tokyo", timeZoneSetting: "config", tags: ["a", "b"], apiUrl: "http://127.0.0.1:9", maxFileBytes: 5000 });

      const withEnv = await loadSettings({ TRAKT_LETTERBOXD_HOME: home, TRAKT_CLIENT_ID: "from-env", TRAKT_LETTERBOXD_TZ: "Europe/Berlin" });
      expect(withEnv).toMatchObject({ clientId: "from-env", timeZone: "Europe/Berlin", timeZoneSetting: "env" });

      const withFlags = await loadSettings({ TRAKT_LETTERBOXD_HOME: home, TRAKT_LETTERBOXD_TZ: "Europe/Berlin" }, { timeZone: "America/New_York", tags: ["c"], maxFileBytes: 10 });
      expect(withFlags).toMatchObject({ timeZone: "America/New_York", timeZoneSetting: "flag", tags: ["c"], maxFileBytes: 10 });
    });
  });

  it("--home wins over TRAKT_LETTERBOXD_HOME", async () => {
    await withTempDir(async (dir) => {
      const settings = await loadSettings({ TRAKT_LETTERBOXD_HOME: join(dir, "env") }, { home: join(dir, "flag") });
      expect(settings.home).toBe(join(dir, "flag"));
    });
  });

  it.each([
    ["not toml", "client_id = = 3", /not valid TOML/],
    ["unknown key", 'clientid = "x"', /Known keys/],
    ["wrong type", "tags = 3", /tags/],
    ["a tag with a comma", 'tags = ["watched, twice"]', /tags.*a tag name without commas/],
    ["an empty tag", 'tags = [""]', /tags.*a tag name without commas/],
    ["bad zone", 'timezone = "Mars/Base"', /Unknown time zone "Mars\/Base" \(from config.toml\)/],
    ["bad bulk_plays", 'bulk_plays = "sometimes"', /bulk_plays.*dated.*undated/],
    ["bulk_plays_threshold of 1", "bulk_plays_threshold = 1", /bulk_plays_threshold/],
  ])("rejects a bad config.toml (%s) with a ConfigError", async (_name, text, message) => {
    await withTempDir(async (home) => {
      await writeFile(join(home, "config.toml"), text);
      const error = await loadSettings({}, { home }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(message);
    });
  });

  it("rejects a config.toml that is a folder", async () => {
    await withTempDir(async (home) => {
      await mkdir(join(home, "config.toml"));
      await expect(loadSettings({}, { home })).rejects.toBeInstanceOf(ConfigError);
    });
  });

  it("rejects a bad time zone flag and a bad API URL", async () => {
    await withTempDir(async (home) => {
      await expect(loadSettings({}, { home, timeZone: "Nowhere/Land" })).rejects.toThrow(/--timezone/);
      await expect(loadSettings({ TRAKT_API_URL: "ftp://x" }, { home })).rejects.toThrow(/TRAKT_API_URL/);
    });
  });
});
