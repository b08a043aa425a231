import { Cron } from "croner";
import { UsageError } from "../errors.js";
import { plural } from "../util/plural.js";

/** The five fields, in order, with what each takes (croner's extensions such as `L` and `5#2` pass too). */
const FIELDS = [
  { name: "minute", takes: "0-59" },
  { name: "hour", takes: "0-23" },
  { name: "day of month", takes: "1-31" },
  { name: "month", takes: "1-12 or JAN-DEC" },
  { name: "day of week", takes: "0-7 or SUN-SAT, 0 and 7 both Sunday" },
] as const;

const SHAPE = 'a schedule takes 5: minute hour day-of-month month day-of-week, e.g. "0 3 * * *" (every night at 03:00)';

/**
 * Throws UsageError, in our words rather than croner's, unless `pattern` is five cron
 * fields that some future time matches; returns them joined by single spaces. Seconds
 * (a sixth field), years (a seventh) and nicknames (`@daily`) are refused: an export
 * every second is never what anyone meant, and one shape is one thing to explain.
 * The CLI, the page and the Scheduler all check here.
 */
export function checkCronPattern(pattern: string): string {
  const trimmed = pattern.trim();
  const fields = trimmed === "" ? [] : trimmed.split(/\s+/);
  if (fields.length !== 5) throw new UsageError(`"${trimmed}" has ${plural(fields.length, "field")}; ${SHAPE}.`);
  // One field at a time among stars, so that the message can name the one croner refuses.
  fields.forEach((field, i) => {
    const alone = FIELDS.map((_, j) => (j === i ? field : "*")).join(" ");
    if (cronOf(alone) === undefined) {
      const { name, takes } = FIELDS[i]!;
      throw new UsageError(`"${trimmed}": the ${name} "${field}" is not valid (it takes ${takes}; * for any, lists like 1,15, ranges like 1-5, steps like */15); ${SHAPE}.`);
    }
  });
  const normal = fields.join(" ");
  const job = cronOf(normal);
  if (job === undefined) throw new UsageError(`"${trimmed}" is not a valid schedule; ${SHAPE}.`);
  if (job.nextRun() === null) throw new UsageError(`"${trimmed}" never comes: no date matches it (such as the 31st of February); ${SHAPE}.`);
  return normal;
}

/** croner's job for `pattern`, paused; undefined when croner refuses it. */
function cronOf(pattern: string): Cron | undefined {
  try {
    return new Cron(pattern, { paused: true });
  } catch {
    return undefined;
  }
}
