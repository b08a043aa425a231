/** Resolves at the first Ctrl+C (SIGINT) or SIGTERM: long-running commands stop cleanly on it. */
export function stopSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once("SIGINT", () => resolve());
    process.once("SIGTERM", () => resolve());
  });
}
