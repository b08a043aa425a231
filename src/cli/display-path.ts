import { relative } from "node:path";

/** `path` relative to `cwd` when it lies inside it, else as given. */
export function displayPath(path: string, cwd: string = process.cwd()): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith("..") ? rel : path;
}
