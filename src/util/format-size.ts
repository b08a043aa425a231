/**
 * A size as people read it, in binary units labelled as such (1 KiB = 1024 bytes):
 * `236 B`, `20.4 KiB`, `512 MiB`, `1 GiB`. Both the terminal and the web page use it.
 */
export function formatSize(bytes: number): string {
  for (const [unit, size] of [["GiB", 1024 ** 3], ["MiB", 1024 ** 2], ["KiB", 1024]] as const) {
    if (bytes >= size) return `${Number((bytes / size).toFixed(1))} ${unit}`;
  }
  return `${bytes} B`;
}
