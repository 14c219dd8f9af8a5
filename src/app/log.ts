/**
 * Structured log kept in memory (a ring buffer of the last entries) that the DJ can download and
 * attach to a bug report. Nothing is ever sent anywhere.
 */
export type LogLevel = 'info' | 'warn' | 'error';

export interface LogEntry {
  at: string;
  level: LogLevel;
  event: string;
  data?: Record<string, unknown>;
}

export class RingLog {
  private readonly entries: LogEntry[] = [];
  private next = 0;

  constructor(
    readonly capacity = 2000,
    private readonly now: () => number = Date.now,
  ) {}

  log(level: LogLevel, event: string, data?: Record<string, unknown>): void {
    const entry: LogEntry = { at: new Date(this.now()).toISOString(), level, event, ...(data ? { data } : {}) };
    if (this.entries.length < this.capacity) this.entries.push(entry);
    else this.entries[this.next] = entry;
    this.next = (this.next + 1) % this.capacity;
  }

  info(event: string, data?: Record<string, unknown>): void {
    this.log('info', event, data);
  }
  warn(event: string, data?: Record<string, unknown>): void {
    this.log('warn', event, data);
  }
  error(event: string, data?: Record<string, unknown>): void {
    this.log('error', event, data);
  }

  /** Oldest first. */
  list(): LogEntry[] {
    return this.entries.length < this.capacity ? [...this.entries] : [...this.entries.slice(this.next), ...this.entries.slice(0, this.next)];
  }

  /** JSON Lines, one entry per line. */
  toJsonLines(): string {
    return (
      this.list()
        .map((e) => JSON.stringify(e))
        .join('\n') + '\n'
    );
  }
}
