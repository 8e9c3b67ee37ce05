/** One handled request, as `sim.requests()` reports it. Bodies and headers are not kept (they hold secrets). */
export interface RequestLogEntry {
  /** Simulated epoch ms when the request arrived. */
  readonly at: number;
  readonly route: string;
  readonly method: string;
  readonly path: string;
  /** HTTP status sent, or `reset` / `dropped` when the connection was cut by a fault. */
  readonly outcome: number | 'reset' | 'dropped';
  /** The injected fault, if any. */
  readonly fault: string | undefined;
}

/** Bounded log of recent requests (oldest dropped first). */
export class RequestLog {
  #entries: RequestLogEntry[] = [];

  constructor(private readonly capacity = 10_000) {}

  add(entry: RequestLogEntry): void {
    this.#entries.push(entry);
    if (this.#entries.length > this.capacity) this.#entries.splice(0, this.#entries.length - this.capacity);
  }

  entries(): readonly RequestLogEntry[] {
    return [...this.#entries];
  }

  clear(): void {
    this.#entries = [];
  }
}
