import type { Pool } from 'pg';
import { type CampaignLease, renewLease } from './campaign-lease.js';

/**
 * Keeps one lease alive: renews it every third of its TTL and knows, on this process's monotonic
 * clock, until when the lease is certainly still ours (the send time of the last successful renewal
 * plus the TTL: the database set the expiry no earlier than that send). A paused process's clock
 * keeps running, so after a pause `valid()` is false until a renewal succeeds again.
 */
export class LeaseKeeper {
  private validUntil: number;
  private lostReason: 'taken' | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private renewing: Promise<void> | undefined;

  constructor(
    private readonly pool: Pool,
    readonly lease: CampaignLease,
    private readonly ttlMs: number,
    claimedAt: number,
    private readonly events: { lost(): void; stopRequested(): void },
  ) {
    this.validUntil = claimedAt + ttlMs;
    this.schedule();
  }

  /** Whether the lease is certainly still ours right now. */
  valid(): boolean {
    return this.lostReason === undefined && performance.now() < this.validUntil;
  }

  /** True once the lease was taken by another replica (or could not be confirmed before it expired). */
  get lost(): boolean {
    return this.lostReason !== undefined;
  }

  /**
   * Resolves true while the lease is ours; when it is not certain (a renewal is late), waits for the
   * next renewal's outcome. False: the lease is lost.
   */
  async confirm(): Promise<boolean> {
    while (!this.lost && !this.valid()) {
      await this.renewNow();
    }
    return !this.lost;
  }

  stop(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    this.timer = setTimeout(
      () => void this.renewNow().then(() => this.timer !== undefined && this.schedule()),
      this.ttlMs / 3,
    );
    this.timer.unref?.();
  }

  private renewNow(): Promise<void> {
    this.renewing ??= this.renew().finally(() => {
      this.renewing = undefined;
    });
    return this.renewing;
  }

  private async renew(): Promise<void> {
    const sentAt = performance.now();
    try {
      const result = await renewLease(this.pool, this.lease, this.ttlMs);
      if (!result.held) {
        this.markLost();
        return;
      }
      this.validUntil = sentAt + this.ttlMs;
      if (result.stopRequested) this.events.stopRequested();
    } catch {
      // Database unreachable: the lease runs out on its own; past validUntil it counts as lost here
      // (another replica may take it over), and nothing more is created.
      if (performance.now() >= this.validUntil) this.markLost();
      else await new Promise((resolve) => setTimeout(resolve, Math.min(200, this.ttlMs / 10)));
    }
  }

  private markLost(): void {
    if (this.lostReason !== undefined) return;
    this.lostReason = 'taken';
    this.stop();
    this.events.lost();
  }
}
