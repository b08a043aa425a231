import { existsSync } from "node:fs";
import { openStore, storeStatus, type StoreStatus } from "../../store/index.js";
import { storePath } from "../../context.js";
import { localTime, readingTimeZone } from "../../schedule/local-time.js";
import { commandSettings } from "../command-settings.js";
import { line, type CliIo } from "../io.js";
import { formatSize } from "../../util/format-size.js";
import { libraryCounts, plural } from "../../util/plural.js";
import { plain, styleFor, type Style } from "../style.js";

/** `status`: what the local store holds; reads only the store, never Trakt. */
export async function runStatus(io: CliIo, globals: { home?: string }, flags: { json?: boolean; user?: string }): Promise<void> {
  const settings = await commandSettings(io, globals);
  const path = storePath(settings, flags.user);
  if (!existsSync(path)) {
    if (flags.json) line(io.stdout, JSON.stringify({ path, exists: false }, null, 2));
    else line(io.stdout, `No local store yet at ${path}; the first \`trakt-letterboxd export\` creates it.`);
    return;
  }
  const store = openStore(path);
  try {
    const status = storeStatus(store);
    if (flags.json) line(io.stdout, JSON.stringify({ exists: true, ...status }, null, 2));
    else io.stdout.write(formatStatus(status, readingTimeZone(settings.timeZone), styleFor(io.stdout, io.env)));
  } finally {
    store.close();
  }
}

/** The status for people: times as they read in `zone` (readingTimeZone), the zone named. */
export function formatStatus(status: StoreStatus, zone: string, style: Style = plain): string {
  const c = status.counts;
  const out = [
    `Store: ${status.path} (${formatSize(status.sizeBytes)}, schema ${status.schemaVersion})`,
    `Account: ${status.account ? `${status.account.username}${status.account.publicProfile ? " (public profile)" : ""}, time zone ${status.account.timeZone ?? "unknown"}` : "none yet"}`,
    `${style("bold", "In the store:")} ${libraryCounts(c)} (${plural(c.listItems, "list item")})`,
    `Last sync: ${status.lastSyncAt ? localTime(status.lastSyncAt, zone) : status.lastLoad ? "never (the store was filled from a file)" : "never"}`,
  ];
  if (status.lastLoad) out.push(`Last loaded from a file: ${localTime(status.lastLoad.at, zone)}, ${status.lastLoad.from}`);
  const last = status.lastExport;
  if (last) {
    const w = last.counts;
    // Why these differ from the store's counts above.
    const why = last.kind === "incremental" ? "an incremental export writes only what no earlier one wrote" : "what its files hold: the store also keeps what --only left out, entries no file could use, and what was synced since";
    out.push(
      `Last export: ${localTime(last.exportedAt, zone)}, ${last.kind} (${plural(c.exports, "export")} in all)`,
      `${style("bold", "Written by the last export:")} ${plural(w.plays, "play")}, ${plural(w.ratings, "rating")}, ${plural(w.reviews, "review")}, ${plural(w.watchlist, "watchlist film")}, ${plural(w.lists, "list")} (${why})`,
    );
    for (const file of last.files) out.push(`  ${file.path}  ${plural(file.rows, "row")}`);
  } else {
    out.push("Last export: none yet");
  }
  return `${out.join("\n")}\n`;
}
