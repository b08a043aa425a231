import { describeError } from "../describe-error.js";
import { checkCronPattern, readRunLog, readScheduleConfig } from "../schedule/index.js";
import { schedulePage, type ScheduleView } from "./pages/schedule-page.js";
import type { ScheduleRunner } from "./schedule-runner.js";
import type { PageContext, WebContext, WebRoutes } from "./web-context.js";

const TITLE = "Schedule";
const LOG_ENTRIES = 20;

/** "Schedule": the saved schedule (shared with the `schedule` command), its next run and recent runs; set or turn it off. */
export function scheduleRoutes(app: WebRoutes, ctx: WebContext, schedule: ScheduleRunner): void {
  const { settings } = ctx;
  const view = async (extra: Partial<ScheduleView> = {}): Promise<ScheduleView> => ({
    config: await readScheduleConfig(settings.home),
    nextRun: schedule.nextRun,
    timeZone: schedule.timeZone,
    log: await readRunLog(settings.home, LOG_ENTRIES),
    error: schedule.problem,
    ...extra,
  });
  const show = (c: PageContext, extra: Partial<ScheduleView> = {}, status: 200 | 400 = 200) => ctx.page(c, "schedule", TITLE, async (frame) => schedulePage(frame, await view(extra)), status);

  app.get("/schedule", (c) => show(c));
  app.get("/api/schedule", async (c) => {
    const { config, nextRun, timeZone, log } = await view();
    return c.json({ config, nextRun: nextRun?.toISOString() ?? null, timeZone, log });
  });
  app.post("/schedule", async (c) => {
    const typed = String((await c.req.parseBody()).cron ?? "");
    // A new pattern only: the saved folder and zone (`schedule --dir`, `--timezone`) stay.
    const saved = await readScheduleConfig(settings.home).catch(() => undefined);
    let cron: string;
    try {
      cron = checkCronPattern(typed);
      await schedule.set({ dir: ctx.exportsDir, ...saved, cron });
    } catch (error) {
      return show(c, { typed, error: describeError(error) }, 400);
    }
    return show(c, { notice: `Saved: incremental exports run on "${cron}".` });
  });
  app.post("/schedule/off", async (c) => {
    await schedule.set(undefined);
    return show(c, { notice: "The schedule is off." });
  });
}
