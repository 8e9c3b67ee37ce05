import { createSeededRandom, mixSeed, type SeededRandom } from './seeded-random.js';
import { SimulatorConfigError, requireInteger, requireNumber } from './simulator-config-error.js';
import { SIMULATOR_ROUTES, type SimulatorRoute } from './simulator-route.js';

/**
 * What a fault does to one request:
 * - `server-error`: answer 5xx with the API's internal-error body;
 * - `throttle`: answer the API's flow-control error;
 * - `reset`: destroy the connection before handling;
 * - `commit-then-drop`: handle the request (a create really creates) and then destroy the connection.
 */
export type FaultAction = 'none' | 'server-error' | 'throttle' | 'reset' | 'commit-then-drop';

/** One scripted step: an action, optionally delayed. */
export type FaultStep = FaultAction | { action?: FaultAction; latencyMs?: number };

/** Fault rule for one route (or `*`). Scripted steps are used first, one per request, then the rates apply. */
export interface FaultRule {
  /** Real (wall-clock) delay before answering, ms; a number or a `[min, max]` range drawn per request. */
  latencyMs?: number | readonly [number, number];
  serverErrorRate?: number;
  /** HTTP status for `server-error` (500, 502, 503 or 504). Default 500. */
  serverErrorStatus?: 500 | 502 | 503 | 504;
  throttleRate?: number;
  resetRate?: number;
  commitThenDropRate?: number;
  script?: readonly FaultStep[];
}

/** The decision for one request. */
export interface FaultDecision {
  action: FaultAction;
  latencyMs: number;
  serverErrorStatus: number;
}

/** Public face of the fault controller (`sim.faults`). */
export interface FaultController {
  /** Sets (replaces) the rule of one route, or of every route with `*`. */
  set(route: SimulatorRoute | '*', rule: FaultRule): void;
  /** Removes the rule of one route, or all rules. */
  clear(route?: SimulatorRoute | '*'): void;
  /** Current rules, with what is left of their scripts. */
  list(): Record<string, FaultRule>;
}

const NO_FAULT: FaultDecision = { action: 'none', latencyMs: 0, serverErrorStatus: 500 };

/**
 * Seeded per-route fault injection. A route's own rule wins over the `*` rule. Rates draw from one
 * seeded stream per route, also under `*`, so a route's faults do not depend on how its requests
 * interleave with other routes' (concurrent clients); a `*` script is shared, one step per request.
 */
export class FaultInjector implements FaultController {
  readonly #rules = new Map<
    string,
    { rule: FaultRule; script: FaultStep[]; randoms: Map<SimulatorRoute, SeededRandom> }
  >();

  constructor(private readonly seed: number) {}

  set(route: SimulatorRoute | '*', rule: FaultRule): void {
    if (route !== '*' && !(SIMULATOR_ROUTES as readonly string[]).includes(route)) {
      throw new SimulatorConfigError(
        'faults.route',
        `must be '*' or one of ${SIMULATOR_ROUTES.join(', ')}, got ${route}`,
      );
    }
    validateRule(rule);
    this.#rules.set(route, { rule, script: [...(rule.script ?? [])], randoms: new Map() });
  }

  clear(route?: SimulatorRoute | '*'): void {
    if (route === undefined) this.#rules.clear();
    else this.#rules.delete(route);
  }

  list(): Record<string, FaultRule> {
    const out: Record<string, FaultRule> = {};
    for (const [route, entry] of this.#rules) out[route] = { ...entry.rule, script: [...entry.script] };
    return out;
  }

  /** Decides what happens to the next request on `route`. */
  decide(route: SimulatorRoute): FaultDecision {
    const entry = this.#rules.get(route) ?? this.#rules.get('*');
    if (entry === undefined) return NO_FAULT;
    const { rule } = entry;
    let random = entry.randoms.get(route);
    if (random === undefined) {
      const salt = [...route].reduce((hash, char) => Math.imul(hash, 31) + char.charCodeAt(0), 7);
      random = createSeededRandom(mixSeed(this.seed, salt));
      entry.randoms.set(route, random);
    }
    const serverErrorStatus = rule.serverErrorStatus ?? 500;
    const step = entry.script.shift();
    if (step !== undefined) {
      const action = typeof step === 'string' ? step : (step.action ?? 'none');
      const latencyMs = typeof step === 'string' ? 0 : (step.latencyMs ?? 0);
      return { action, latencyMs, serverErrorStatus };
    }
    let latencyMs = 0;
    if (typeof rule.latencyMs === 'number') latencyMs = rule.latencyMs;
    else if (rule.latencyMs !== undefined) {
      const [min, max] = rule.latencyMs;
      latencyMs = min + random.next() * (max - min);
    }
    const r = random.next();
    let threshold = 0;
    const actions: [FaultAction, number | undefined][] = [
      ['reset', rule.resetRate],
      ['server-error', rule.serverErrorRate],
      ['throttle', rule.throttleRate],
      ['commit-then-drop', rule.commitThenDropRate],
    ];
    for (const [action, rate] of actions) {
      threshold += rate ?? 0;
      if (r < threshold) return { action, latencyMs, serverErrorStatus };
    }
    return { action: 'none', latencyMs, serverErrorStatus };
  }
}

const ACTIONS: readonly FaultAction[] = ['none', 'server-error', 'throttle', 'reset', 'commit-then-drop'];

function validateRule(rule: FaultRule): void {
  // Rules also arrive as JSON through the admin surface, so every shape is checked, not just ranges.
  if (typeof rule !== 'object' || rule === null || Array.isArray(rule))
    throw new SimulatorConfigError('faults', 'the rule must be an object');
  let total = 0;
  for (const key of ['serverErrorRate', 'throttleRate', 'resetRate', 'commitThenDropRate'] as const) {
    if (rule[key] !== undefined) total += requireNumber(`faults.${key}`, rule[key], 0, 1);
  }
  if (total > 1) throw new SimulatorConfigError('faults', `the rates add up to ${total}, more than 1`);
  if (Array.isArray(rule.latencyMs)) {
    if (rule.latencyMs.length !== 2)
      throw new SimulatorConfigError('faults.latencyMs', 'must be a number or a [min, max] pair');
    const [min, max] = rule.latencyMs as [number, number];
    requireNumber('faults.latencyMs[0]', min, 0, 600_000);
    requireNumber('faults.latencyMs[1]', max, min, 600_000);
  } else if (rule.latencyMs !== undefined) requireNumber('faults.latencyMs', rule.latencyMs, 0, 600_000);
  if (rule.serverErrorStatus !== undefined && ![500, 502, 503, 504].includes(rule.serverErrorStatus)) {
    throw new SimulatorConfigError(
      'faults.serverErrorStatus',
      `must be 500, 502, 503 or 504, got ${rule.serverErrorStatus}`,
    );
  }
  if (rule.script !== undefined && !Array.isArray(rule.script))
    throw new SimulatorConfigError('faults.script', 'must be a list of steps');
  for (const [position, step] of (rule.script ?? []).entries()) {
    const field = `faults.script[${position}]`;
    if (typeof step !== 'string' && (typeof step !== 'object' || step === null || Array.isArray(step)))
      throw new SimulatorConfigError(field, 'must be an action name or {action, latencyMs}');
    const action = typeof step === 'string' ? step : (step.action ?? 'none');
    if (!ACTIONS.includes(action)) {
      throw new SimulatorConfigError(field, `action must be one of ${ACTIONS.join(', ')}`);
    }
    if (typeof step !== 'string' && step.latencyMs !== undefined) {
      requireInteger(`${field}.latencyMs`, step.latencyMs, 0, 600_000);
    }
  }
}
