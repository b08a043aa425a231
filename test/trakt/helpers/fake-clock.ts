/** A clock whose `sleep` advances time at once, so retry and rate-limit waits cost nothing. */
export interface FakeClock {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Every sleep asked for, in order. */
  sleeps: number[];
}

export function fakeClock(start = Date.parse("2026-10-01T00:00:00Z")): FakeClock {
  let time = start;
  const sleeps: number[] = [];
  return {
    now: () => time,
    sleeps,
    sleep: async (ms) => {
      sleeps.push(ms);
      time += ms;
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}
