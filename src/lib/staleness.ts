// Is a runbook's review overdue? Pure: "now" is always passed in.
export interface Staleness {
  /** The review is overdue, or the runbook was never reviewed. */
  stale: boolean;
  /** Not stale, but due within the warning window. */
  dueSoon: boolean;
  /** Date the next review is due (YYYY-MM-DD); undefined when never reviewed. */
  dueOn?: string;
  /** Whole days until due (negative when overdue). */
  daysLeft?: number;
}

const DAY_MS = 86_400_000;

/** Today's date as YYYY-MM-DD (UTC). */
export function today(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export function staleness(lastReviewed: string | undefined, reviewEveryMinutes: number, now: string, dueSoonDays = 14): Staleness {
  if (!lastReviewed) return { stale: true, dueSoon: false };
  const due = Date.parse(`${lastReviewed}T00:00:00Z`) + reviewEveryMinutes * 60_000;
  const daysLeft = Math.floor((due - Date.parse(`${now}T00:00:00Z`)) / DAY_MS);
  return {
    stale: daysLeft < 0,
    dueSoon: daysLeft >= 0 && daysLeft <= dueSoonDays,
    dueOn: new Date(due).toISOString().slice(0, 10),
    daysLeft,
  };
}
