/** The server's clock. The domain never reads time itself; services get `now` from here. */
export type Clock = { now(): Date; set?(now: Date): void };

export const systemClock: Clock = { now: () => new Date() };

/** A clock staff tests can set (SHIORI_TEST_CLOCK=1); it moves on from the set instant in real time. */
export function settableClock(start: Date = new Date()): Required<Clock> {
  let offset = start.getTime() - Date.now();
  return {
    now: () => new Date(Date.now() + offset),
    set: (now: Date) => {
      offset = now.getTime() - Date.now();
    },
  };
}

/** Today's date in Japan time, `YYYY-MM-DD`: library days are Japanese days wherever the server runs. */
export function japanDate(instant: Date): string {
  return new Date(instant.getTime() + 9 * 3600_000).toISOString().slice(0, 10);
}
