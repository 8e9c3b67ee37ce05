import { randomBytes } from 'node:crypto';

/** An access token and the simulated instant it stops working. */
export interface IssuedToken {
  readonly token: string;
  readonly subject: string;
  readonly expiresAt: number;
}

/** Why a token was refused. */
export type TokenCheck =
  | { ok: true; subject: string }
  | { ok: false; reason: 'missing' | 'unknown' | 'expired' };

/**
 * Issues and checks bearer tokens with a lifetime in simulated time, so clients must log in again
 * after expiry. Tokens are random and never logged.
 */
export class TokenStore {
  readonly #tokens = new Map<string, IssuedToken>();

  /** Issues a token for `subject` (legacy app ID or v5 project ID). */
  issue(subject: string, now: number, lifetimeMs: number): IssuedToken {
    const issued = { token: randomBytes(24).toString('hex'), subject, expiresAt: now + lifetimeMs };
    this.#tokens.set(issued.token, issued);
    return issued;
  }

  /** Checks a token at simulated time `now`. */
  check(token: string | undefined, now: number): TokenCheck {
    if (token === undefined || token === '') return { ok: false, reason: 'missing' };
    const issued = this.#tokens.get(token);
    if (issued === undefined) return { ok: false, reason: 'unknown' };
    if (now >= issued.expiresAt) return { ok: false, reason: 'expired' };
    return { ok: true, subject: issued.subject };
  }

  /** Revokes one token (used by refresh, which replaces the old pair). */
  revoke(token: string): void {
    this.#tokens.delete(token);
  }

  /** Forgets every token. */
  clear(): void {
    this.#tokens.clear();
  }
}
