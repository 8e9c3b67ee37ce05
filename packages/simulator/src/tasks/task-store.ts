import { type SimTask, type TaskApi, isRunning, isTerminal } from './sim-task.js';
import { type LifecycleSettings, advanceTask, startTask } from './task-lifecycle.js';

/**
 * Holds every task of both APIs in creation order and moves them forward in time. Nothing runs in
 * the background: each request (and each inspection) first calls {@link TaskStore.sync}, which
 * catches every task up with the clock. That keeps runs deterministic for a given seed and call order.
 */
export class TaskStore {
  #tasks: SimTask[] = [];
  #byId = new Map<string, SimTask>();
  #active: SimTask[] = [];
  /** Per v5 resource space: when a slot last freed up; a queued task starts no earlier. */
  readonly #lastFreed = new Map<string, number>();

  constructor(
    private readonly settings: () => LifecycleSettings,
    private readonly v5UnfinishedLimit: () => number,
  ) {}

  /** Every task, oldest first. */
  all(): readonly SimTask[] {
    return this.#tasks;
  }

  /** One task by ID and API. */
  get(taskId: string, api?: TaskApi): SimTask | undefined {
    const task = this.#byId.get(taskId);
    return task !== undefined && (api === undefined || task.api === api) ? task : undefined;
  }

  /** Adds a freshly created task. */
  add(task: SimTask): void {
    this.#tasks.push(task);
    this.#byId.set(task.taskId, task);
    if (!isTerminal(task)) this.#active.push(task);
  }

  /** Removes a task (v5 delete). */
  remove(taskId: string): void {
    this.#tasks = this.#tasks.filter((task) => task.taskId !== taskId);
    this.#active = this.#active.filter((task) => task.taskId !== taskId);
    this.#byId.delete(taskId);
  }

  /** Puts a finished task back into the active set (v5 retry re-opens a finished task). */
  reactivate(task: SimTask): void {
    if (!this.#active.includes(task)) this.#active.push(task);
    this.#active.sort((a, b) => a.seq - b.seq);
  }

  /** Unfinished tasks of one API and app (legacy: Pending + Running). */
  unfinishedCount(api: TaskApi, appId: string): number {
    let count = 0;
    for (const task of this.#active)
      if (task.api === api && task.appId === appId && !isTerminal(task)) count++;
    return count;
  }

  /** Catches every task up with simulated time `now`, starting queued v5 tasks as slots free up. */
  sync(now: number): void {
    const settings = this.settings();
    const running = new Map<string, number>();
    const step = (task: SimTask) => {
      advanceTask(task, now, settings);
      if (task.api !== 'v5') return;
      if (isRunning(task)) running.set(task.appId, (running.get(task.appId) ?? 0) + 1);
      else if (task.finishedAt !== undefined) {
        this.#lastFreed.set(
          task.appId,
          Math.max(this.#lastFreed.get(task.appId) ?? Number.NEGATIVE_INFINITY, task.finishedAt),
        );
      }
    };
    let waiting = false;
    for (const task of this.#active) {
      step(task);
      if (task.status === 'Waitting') waiting = true;
    }
    const limit = this.v5UnfinishedLimit();
    // Start waiting v5 tasks oldest first while their resource space has free slots; a task that
    // finishes at once frees its slot again, hence the loop.
    let promoted = waiting;
    while (promoted) {
      promoted = false;
      for (const task of this.#active) {
        if (task.api !== 'v5' || task.status !== 'Waitting' || now < task.readyAt) continue;
        if ((running.get(task.appId) ?? 0) >= limit) continue;
        const freedAt = this.#lastFreed.get(task.appId) ?? Number.NEGATIVE_INFINITY;
        startTask(task, Math.min(now, Math.max(task.readyAt, freedAt)));
        step(task);
        promoted = true;
      }
    }
    if (this.#active.some(isTerminal)) this.#active = this.#active.filter((task) => !isTerminal(task));
  }

  /** Forgets every task. */
  clear(): void {
    this.#tasks = [];
    this.#byId.clear();
    this.#active = [];
    this.#lastFreed.clear();
  }
}
