/**
 * `export --from PATH`: the Letterboxd files from a backup folder or zip, with no
 * network at all. The backup's items go through the same LibraryBuilder an online fetch
 * uses, with the directors and enrichment the backup recorded, and then through the same
 * build and write as an online export, so the files are byte for byte the same.
 */
import { movieReviews } from "../backup/sync-backup.js";
import { readBackup } from "../backup/read-backup.js";
import { enrichFilm } from "../letterboxd/film-enrichment.js";
import type { FileKind, Library } from "../letterboxd/index.js";
import { LibraryBuilder } from "./library-builder.js";
import { writeLetterboxd, type ExportSummary } from "./run-export.js";

export interface ExportFromBackupOptions {
  /** A backup folder or `.zip` written by `backup`. */
  from: string;
  /** A zone chosen by the user; undefined = the account's (from the backup's settings), else the system's. */
  timeZone?: string;
  tags: readonly string[];
  only?: readonly FileKind[];
  includeShows?: boolean;
  outDir: string;
  maxFileBytes: number;
  dryRun?: boolean;
}

export async function exportFromBackup(options: ExportFromBackupOptions): Promise<ExportSummary> {
  const backup = await readBackup(options.from, { shows: options.includeShows });
  const library = (): Library => {
    const builder = new LibraryBuilder();
    builder.addHistory(backup.movieHistory);
    builder.addRatings(backup.movieRatings);
    builder.addWatchlist(backup.watchlist);
    builder.addReviews(movieReviews(backup.comments));
    for (const { list, items } of backup.lists) builder.addList(list, items.filter((item) => item.type === "movie"));
    const built = builder.build();
    for (const { movie, directors, enrichment } of backup.filmExtras) {
      const film = built.films.get(movie.ids.trakt);
      if (film !== undefined) built.films.set(film.traktId, enrichFilm(film, enrichment ?? undefined, directors ?? undefined));
    }
    return built;
  };
  const { summary } = await writeLetterboxd({
    library,
    accountZone: backup.settings.account?.timezone ?? null,
    timeZone: options.timeZone,
    tags: options.tags,
    only: options.only,
    shows: options.includeShows ? () => ({ plays: backup.episodeHistory, ratings: backup.showRatings }) : undefined,
    outDir: options.outDir,
    maxFileBytes: options.maxFileBytes,
    dryRun: options.dryRun,
  });
  return summary;
}
