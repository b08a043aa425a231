import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it, vi } from "vitest";
import { exitCodeFor } from "../../src/cli/exit-code.js";
import type { CliIo } from "../../src/cli/io.js";
import { INTERRUPTED_MESSAGE, interruptEarly, untilInterrupted } from "../../src/cli/stop-signal.js";
import { InterruptedError } from "../../src/errors.js";

function fakeIo(): CliIo & { errors: () => string } {
  const stderr = new PassThrough();
  let text = "";
  stderr.on("data", (chunk: Buffer) => (text += chunk.toString()));
  return { stdout: new PassThrough(), stderr, stdin: new PassThrough(), env: {}, errors: () => text };
}

/** Work that waits until its signal aborts, then fails as an aborted request would. */
const waitForAbort = (signal: AbortSignal) => new Promise<never>((_resolve, reject) => signal.addEventListener("abort", () => reject(new Error("fetch aborted"))));

describe("Ctrl+C (SIGINT)", () => {
  const listeners = process.listenerCount("SIGINT");
  afterEach(() => {
    vi.restoreAllMocks();
    expect(process.listenerCount("SIGINT")).toBe(listeners);
  });

  it("between steps: aborts the work's signal, and whatever the work then throws becomes an InterruptedError (exit 130)", async () => {
    const run = untilInterrupted(fakeIo(), "between-steps", waitForAbort);
    process.emit("SIGINT");
    const error: unknown = await run.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InterruptedError);
    expect((error as Error).message).toBe(INTERRUPTED_MESSAGE);
    expect(exitCodeFor(error)).toBe(130);
  });

  it("says the command's own line when it gives one (what was kept differs: auth, demo)", async () => {
    const run = untilInterrupted(fakeIo(), "between-steps", waitForAbort, "Interrupted; nothing was saved.");
    process.emit("SIGINT");
    await expect(run).rejects.toThrow(new InterruptedError("Interrupted; nothing was saved."));
  });

  it("lets work that finishes anyway return, and leaves other failures alone", async () => {
    await expect(untilInterrupted(fakeIo(), "between-steps", async () => 42)).resolves.toBe(42);
    await expect(untilInterrupted(fakeIo(), "between-steps", async () => Promise.reject(new Error("disk full")))).rejects.toThrow("disk full");
  });

  it("ends the process with the line and 130 at once for work that takes no signal, and on a second Ctrl+C", async () => {
    const exit = vi.spyOn(process, "exit").mockImplementation((() => undefined) as never);
    const io = fakeIo();
    let finish!: () => void;
    const atOnce = untilInterrupted(io, "at-once", () => new Promise<void>((resolve) => (finish = resolve)));
    process.emit("SIGINT");
    expect(exit).toHaveBeenCalledWith(130);
    expect(io.errors()).toBe(`trakt-letterboxd: ${INTERRUPTED_MESSAGE}\n`);
    finish();
    await atOnce;

    exit.mockClear();
    // A step that ignores its signal: the first Ctrl+C asks, the second ends it.
    const stuck = untilInterrupted(fakeIo(), "between-steps", () => new Promise<void>((resolve) => (finish = resolve)));
    process.emit("SIGINT");
    expect(exit).not.toHaveBeenCalled();
    process.emit("SIGINT");
    expect(exit).toHaveBeenCalledWith(130);
    finish();
    await expect(stuck).resolves.toBeUndefined();
  });

  it("before the command's own handling is in place, says the line and ends with 130; after, leaves it to the command", async () => {
    const exit = vi.spyOn(process, "exit").mockImplementation((() => undefined) as never);
    const io = fakeIo();
    const remove = interruptEarly(io);
    process.emit("SIGINT");
    expect(exit).toHaveBeenCalledWith(130);
    expect(io.errors()).toBe(`trakt-letterboxd: ${INTERRUPTED_MESSAGE}\n`);

    exit.mockClear();
    const run = untilInterrupted(fakeIo(), "between-steps", waitForAbort);
    process.emit("SIGINT");
    await expect(run).rejects.toThrow(InterruptedError);
    expect(exit).not.toHaveBeenCalled();
    remove();
  });
});
