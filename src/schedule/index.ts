export { systemClock, type Clock } from "./clock.js";
export { checkCronPattern } from "./cron-pattern.js";
export { localTime, readingTimeZone } from "./local-time.js";
export { Scheduler, type SchedulerEvent, type SchedulerOptions } from "./scheduler.js";
export { scheduleSettings } from "./schedule-settings.js";
export { appendRunLog, defaultExportsDir, readRunLog, readScheduleConfig, writeScheduleConfig, type RunLogEntry, type ScheduleConfig } from "./schedule-file.js";
export { exportToDatedFolder, newDatedFolder, removeIfEmpty, type DatedExport, type DatedExportOptions } from "./dated-export.js";
export { describeDatedExport, runLogEntry, runLogWriter } from "./scheduled-export.js";
