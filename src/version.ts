import { readFileSync } from "node:fs";

// Read once from package.json so the User-Agent and --version never drift from the release.
const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };

export const VERSION: string = pkg.version;
export const USER_AGENT = `trakt-letterboxd/${VERSION} (Node.js ${process.versions.node})`;
