/**
 * Waits for every job, then throws the first failure (in list order): no request a sync
 * started keeps writing to the store after the sync returned or threw, and its caller
 * may close the store at once.
 */
export async function settleAll<T extends readonly unknown[] | []>(jobs: T): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const results = (await Promise.allSettled(jobs)) as PromiseSettledResult<unknown>[];
  const failed = results.find((result): result is PromiseRejectedResult => result.status === "rejected");
  if (failed) throw failed.reason;
  return results.map((result) => (result as PromiseFulfilledResult<unknown>).value) as { -readonly [K in keyof T]: Awaited<T[K]> };
}
