import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

// End-to-end tests run the built command, so build once before any test file runs.
export default function setup(): void {
  const root = fileURLToPath(new URL("../..", import.meta.url));
  execFileSync("npx", ["tsc", "-p", "tsconfig.build.json"], { cwd: root, stdio: "inherit" });
}
