import { describe, expect, it } from "vitest";
import { ExportBusyError, UsageError } from "../../src/errors.js";
import { Scheduler, type SchedulerEvent } from "../../src/schedule/index.js";
import { FakeClock } from "./fake-clock.js";

/** A run the test finishes by hand. */
function controlledRuns() {
  const runs: { resolve: (message: string) => void; reject: (error: Error) => void }[] = [];
  const run = () => new Promise<string>((resolve, reject) => runs.push({ resolve, reject }));
  return { runs, run };
}

function recorder() {
  const events: SchedulerEvent[] = [];
  const summary = () => events.filter((e) => e.type !== "scheduled").map((e) => `${e.type}@${e.at.toISOString().slice(11, 16)}${"message" in e ? `: ${e.message}` : ""}`);
  return { events, onEvent: (e: SchedulerEvent) => events.push(e), summary };
}

describe("Scheduler", () => {
  it("runs at each tick of the pattern, in the given zone", async () => {
    const clock = new FakeClock("2026-03-01T01:30:00Z");
    const log = recorder();
    let n = 0;
    const scheduler = new Scheduler({ cron: "0 3 * * *", timeZone: "UTC", clock, onEvent: log.onEvent, run: async () => `run ${++n}` });
    scheduler.start();
    expect(scheduler.nextRun?.toISOString()).toBe("2026-03-01T03:00:00.000Z");
    await clock.advanceTo("2026-03-03T12:00:00Z");
    expect(log.summary()).toEqual(["started@03:00", "succeeded@03:00: run 1", "started@03:00", "succeeded@03:00: run 2", "started@03:00", "succeeded@03:00: run 3"]);
    expect(log.events.filter((e) => e.type === "started").map((e) => e.at.toISOString())).toEqual([
      "2026-03-01T03:00:00.000Z",
      "2026-03-02T03:00:00.000Z",
      "2026-03-03T03:00:00.000Z",
    ]);
    expect(scheduler.nextRun?.toISOString()).toBe("2026-03-04T03:00:00.000Z");
    await scheduler.stop();
    await clock.advanceTo("2026-03-06T12:00:00Z");
    expect(n).toBe(3);
  });

  it("reports a tick whose export found another one running as skipped, not failed", async () => {
    const clock = new FakeClock("2026-03-01T02:59:00Z");
    const log = recorder();
    const scheduler = new Scheduler({
      cron: "0 3 * * *",
      timeZone: "UTC",
      clock,
      onEvent: log.onEvent,
      run: async () => {
        throw new ExportBusyError("An export is already running; wait for it to finish.");
      },
    });
    scheduler.start();
    await clock.advanceTo("2026-03-01T03:30:00Z");
    expect(log.summary()).toEqual(["started@03:00", "skipped@03:00: An export is already running; wait for it to finish."]);
    await scheduler.stop();
  });

  it("reports a failed run and runs again at the next tick", async () => {
    const clock = new FakeClock("2026-03-01T00:00:30Z");
    const log = recorder();
    let n = 0;
    const scheduler = new Scheduler({
      cron: "*/10 * * * *",
      timeZone: "UTC",
      clock,
      onEvent: log.onEvent,
      describeError: (error) => `described: ${(error as Error).message}`,
      run: async () => {
        n += 1;
        if (n === 1) throw new Error("Trakt is down");
        if (n === 2) throw "not even an Error";
        return "ok";
      },
    });
    scheduler.start();
    await clock.advanceTo("2026-03-01T00:35:00Z");
    expect(log.summary()).toEqual([
      "started@00:10",
      "failed@00:10: described: Trakt is down",
      "started@00:20",
      "failed@00:20: described: undefined",
      "started@00:30",
      "succeeded@00:30: ok",
    ]);
    await scheduler.stop();
  });

  it("never overlaps: a tick during a run is skipped, and the next one runs", async () => {
    const clock = new FakeClock("2026-03-01T00:00:00Z");
    const log = recorder();
    const { runs, run } = controlledRuns();
    const scheduler = new Scheduler({ cron: "* * * * *", timeZone: "UTC", clock, onEvent: log.onEvent, run });
    scheduler.start();
    await clock.advanceTo("2026-03-01T00:01:00Z");
    expect(runs).toHaveLength(1);
    expect(scheduler.isRunning).toBe(true);
    await clock.advanceTo("2026-03-01T00:03:30Z");
    expect(runs).toHaveLength(1);
    runs[0]!.resolve("long one");
    await clock.advanceTo("2026-03-01T00:04:00Z");
    expect(runs).toHaveLength(2);
    runs[1]!.resolve("short one");
    await scheduler.idle();
    expect(log.summary()).toEqual([
      "started@00:01",
      "skipped@00:02: The previous run was still going; skipped this tick.",
      "skipped@00:03: The previous run was still going; skipped this tick.",
      "succeeded@00:01: long one",
      "started@00:04",
      "succeeded@00:04: short one",
    ]);
    await scheduler.stop();
  });

  it("survives a listener that throws, and stop waits for the run in progress", async () => {
    const clock = new FakeClock("2026-03-01T00:00:00Z");
    const { runs, run } = controlledRuns();
    const scheduler = new Scheduler({
      cron: "* * * * *",
      clock,
      run,
      onEvent: () => {
        throw new Error("listener bug");
      },
    });
    scheduler.start();
    await clock.advanceTo("2026-03-01T00:01:00Z");
    let stopped = false;
    const stopping = scheduler.stop().then(() => (stopped = true));
    await clock.advanceTo("2026-03-01T00:01:01Z");
    expect(stopped).toBe(false);
    runs[0]!.resolve("done");
    await stopping;
    expect(scheduler.nextRun).toBeUndefined();
    await clock.advanceTo("2026-03-01T00:10:00Z");
    expect(runs).toHaveLength(1);
  });

  it("refuses a pattern that is not five valid fields (checkCronPattern)", () => {
    expect(() => new Scheduler({ cron: "61 * * * *", run: async () => "" })).toThrow(UsageError);
    expect(() => new Scheduler({ cron: "* * * * * *", run: async () => "" })).toThrow(/has 6 fields/);
  });

  it("reads the pattern in its zone", () => {
    const clock = new FakeClock("2026-11-29T20:00:00Z");
    const scheduler = new Scheduler({ cron: "0 3 * * *", timeZone: "Europe/Berlin", clock, run: async () => "" });
    scheduler.start();
    expect(scheduler.nextRun?.toISOString()).toBe("2026-11-30T02:00:00.000Z");
    void scheduler.stop();
  });
});
