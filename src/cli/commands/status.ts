import { existsSync } from "node:fs";
import { openStore, storeStatus, type StoreStatus } from "../../store/index.js";
import { storePath } from "../../context.js";
import { commandSettings } from "../command-settings.js";
import { line, type CliIo } from "../io.js";

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
    else io.stdout.write(formatStatus(status));
  } finally {
    store.close();
  }
}

export function formatStatus(status: StoreStatus): string {
  const c = status.counts;
  const out = [
    `Store: ${status.path} (${(status.sizeBytes / 1_048_576).toFixed(1)} MB, schema ${status.schemaVersion})`,
    `Account: ${status.account ? `${status.account.username}${status.account.publicProfile ? " (public profile)" : ""}, time zone ${status.account.timeZone ?? "unknown"}` : "none yet"}`,
    `Holds: ${c.plays} plays of ${c.films} films, ${c.ratings} ratings, ${c.reviews} reviews, ${c.watchlist} on the watchlist, ${c.lists} lists (${c.listItems} items)`,
    `Last sync: ${status.lastSyncAt ?? "never"}`,
  ];
  const last = status.lastExport;
  if (last) {
    const w = last.counts;
    out.push(
      `Last export: ${last.exportedAt} (${last.kind}, ${c.exports} in all): ${w.plays} plays, ${w.ratings} ratings, ${w.reviews} reviews, ${w.watchlist} watchlist films, ${w.lists} lists`,
    );
    for (const file of last.files) out.push(`  ${file.path}  ${file.rows} rows`);
  } else {
    out.push("Last export: none yet");
  }
  return `${out.join("\n")}\n`;
}
