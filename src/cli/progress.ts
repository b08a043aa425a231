import type { Writable } from "node:stream";
/** Items received so far of one kind (an export's KindProgress, a backup's kinds). */
export interface KindProgress {
  kind: string;
  done: number;
  total: number | undefined;
}

export interface ProgressReporter {
  update(progress: KindProgress): void;
  note(text: string): void;
  done(): void;
}

/**
 * Progress on standard error ("Fetching" from Trakt, "Reading" a file): one redrawn line of counts per kind on a terminal,
 * plain lines (at most one per kind per 25%) when standard error is a file or pipe.
 */
export function createProgress(stream: Writable & { isTTY?: boolean; columns?: number }, verb = "Fetching"): ProgressReporter {
  const state = new Map<string, KindProgress>();
  if (stream.isTTY) {
    let lastDraw = 0;
    let drawn = false;
    const draw = (force: boolean) => {
      const now = Date.now();
      if (!force && now - lastDraw < 80) return;
      lastDraw = now;
      const parts = [...state.values()].map((p) => `${p.kind} ${p.done}${p.total !== undefined ? `/${p.total}` : ""}${bar(p)}`);
      // Some terminals (e.g. under `script`) report 0 columns.
      const width = stream.columns && stream.columns > 20 ? stream.columns - 1 : 100;
      const text = `${verb}: ${parts.join(" · ")}`.slice(0, width);
      stream.write(`\r\x1b[2K${text}`);
      drawn = true;
    };
    return {
      update(progress) {
        state.set(progress.kind, progress);
        draw(false);
      },
      note(text) {
        if (drawn) stream.write("\r\x1b[2K");
        stream.write(`${text}\n`);
        if (drawn) draw(true);
      },
      done() {
        if (drawn) {
          draw(true);
          stream.write("\n");
        }
      },
    };
  }
  const reported = new Map<string, number>();
  const printed = new Map<string, number>();
  const print = (progress: KindProgress) => {
    printed.set(progress.kind, progress.done);
    stream.write(`${verb} ${progress.kind}: ${progress.done}${progress.total !== undefined ? ` of ${progress.total}` : ""}\n`);
  };
  return {
    update(progress) {
      state.set(progress.kind, progress);
      const quarter = progress.total ? Math.floor((progress.done / progress.total) * 4) : progress.done > 0 ? 1 : 0;
      if ((reported.get(progress.kind) ?? -1) >= quarter) return;
      reported.set(progress.kind, quarter);
      print(progress);
    },
    note(text) {
      stream.write(`${text}\n`);
    },
    done() {
      // With no total, the quarters above print only the first count: end with the final one.
      for (const progress of state.values()) {
        if (printed.has(progress.kind) && printed.get(progress.kind) !== progress.done) print(progress);
      }
    },
  };
}

function bar(progress: KindProgress): string {
  if (!progress.total) return "";
  const width = 10;
  const filled = Math.min(width, Math.round((progress.done / progress.total) * width));
  return ` [${"#".repeat(filled)}${"-".repeat(width - filled)}]`;
}
