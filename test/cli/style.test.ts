import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { failureLine, warning, type CliIo } from "../../src/cli/io.js";
import { colorFor, plain, styleFor } from "../../src/cli/style.js";

describe("colour", () => {
  it.each([
    ["a terminal", { isTTY: true }, {}, true],
    ["a pipe or file", { isTTY: false }, {}, false],
    ["a stream that does not say", {}, {}, false],
    ["a terminal with NO_COLOR=1", { isTTY: true }, { NO_COLOR: "1" }, false],
    ["a terminal with NO_COLOR empty (unset, per no-color.org)", { isTTY: true }, { NO_COLOR: "" }, true],
    ["a terminal with TERM=dumb", { isTTY: true }, { TERM: "dumb" }, false],
    ["a pipe with FORCE_COLOR=1", { isTTY: false }, { FORCE_COLOR: "1" }, true],
    ["a pipe with FORCE_COLOR=1 and NO_COLOR=1", { isTTY: false }, { FORCE_COLOR: "1", NO_COLOR: "1" }, true],
    ["a terminal with FORCE_COLOR=0", { isTTY: true }, { FORCE_COLOR: "0" }, false],
  ])("for %s: %s", (_what, stream, env, expected) => {
    expect(colorFor(stream, env)).toBe(expected);
  });

  it("styles with escape codes when on, whatever Node's own check of standard output says", () => {
    const on = styleFor({ isTTY: false }, { FORCE_COLOR: "1" });
    expect(on("red", "x")).toBe("\x1b[31mx\x1b[39m");
    expect(on("bold", "x")).toBe("\x1b[1mx\x1b[22m");
    expect(styleFor({ isTTY: true }, { NO_COLOR: "1" })("bold", "x")).toBe("x");
    expect(styleFor({ isTTY: false }, {})("yellow", "x")).toBe("x");
    expect(warning(plain, "careful")).toBe("Warning: careful");
    expect(warning(on, "careful")).toBe("\x1b[33mWarning:\x1b[39m careful");
  });

  it("prints a failure as one line with our name, red only where colour is on", () => {
    const run = (isTTY: boolean, env: NodeJS.ProcessEnv) => {
      const stderr = Object.assign(new PassThrough(), { isTTY });
      let text = "";
      stderr.on("data", (chunk: Buffer) => (text += chunk.toString()));
      failureLine({ stdout: new PassThrough(), stderr, stdin: new PassThrough(), env } as CliIo, "Something failed; do this.");
      return text;
    };
    expect(run(false, {})).toBe("trakt-letterboxd: Something failed; do this.\n");
    expect(run(true, { NO_COLOR: "1" })).toBe("trakt-letterboxd: Something failed; do this.\n");
    expect(run(true, {})).toBe("\x1b[31mtrakt-letterboxd:\x1b[39m Something failed; do this.\n");
  });
});
