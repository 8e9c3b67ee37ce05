import type { AdapterV1 } from '../adapter/v1/adapter-v1.js';
import type { TaskStateV1 } from '../adapter/v1/task-state-v1.js';
import type { PlatformErrorKind } from '../errors/platform-error.js';
import type { Operation, OperationType } from '../campaign/operation.js';
import type { NativeTarget, TargetType } from '../campaign/target-spec.js';

/** Terminal outcomes the suite asks a platform to drive a task to. */
export type ConformanceOutcome = Extract<TaskStateV1, 'succeeded' | 'partiallySucceeded' | 'failed'>;

/** What an injected fault may return: nothing (the platform misbehaves) or the adapter for the failing call. */
// biome-ignore lint/suspicious/noConfusingVoidType: a fault that only reconfigures the platform returns nothing
export type ConformanceFault = void | { adapter?: AdapterV1 };

/** What one adapter under test brings to the suite; created fresh by `setup`. */
export interface AdapterConformanceContext {
  adapter: AdapterV1;
  /** Every credential the adapter was given (tokens, secrets, keys): none may appear in requests or errors. */
  secrets: readonly string[];
  /** `count` distinct device IDs the platform knows (the suite asks for up to `maxTargetsPerTask + 1`). */
  deviceIds(count: number): readonly string[];
  /** A target of this selector that selects at least one device on the platform (native selectors only). */
  sampleTarget?(type: TargetType): NativeTarget | undefined;
  /** Overrides the suite's default operation of a type (e.g. a real firmware package ID). */
  sampleOperation?(type: OperationType): Operation | undefined;
  /**
   * Makes the platform answer the adapter's next create with an error of this kind. Kinds without a fault
   * are not checked (the platform has no documented code for them); at least one kind must be given. A fault may instead hand back an adapter
   * to make that one call with (e.g. one holding a revoked credential).
   */
  injectFault?: Partial<Record<PlatformErrorKind, () => ConformanceFault | Promise<ConformanceFault>>>;
  /** Undoes whatever the last injected fault changed on the platform; called after each error case. */
  resetFaults?(): void | Promise<void>;
  /**
   * Runs every subtask of a task to this outcome (the simulator's inspection API). Required: without it
   * the suite could not check the terminal states, and it does not pass what it cannot check.
   */
  completeTask(taskId: string, outcome: ConformanceOutcome): void | Promise<void>;
  /** Releases the platform and adapter. */
  teardown?(): void | Promise<void>;
}

/** Options of {@link describeAdapterConformance}. */
export interface AdapterConformanceOptions {
  /**
   * Title of the `describe` block; defaults to `'adapter conformance'`. Vitest needs the title before
   * `setup` creates the adapter, so the adapter's own name cannot be the default: pass it (e.g.
   * `'v5 adapter against the simulator'`) to tell several suites apart in one run.
   */
  name?: string;
  /** Starts a platform and an adapter for it; called once before the cases. */
  setup(): Promise<AdapterConformanceContext>;
  /** Runs inside the `describe` after the shared cases, with the same context. */
  additionalTests?(context: () => AdapterConformanceContext): void;
}
