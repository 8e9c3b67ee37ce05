/** Test kit: a fleet of replica child processes (replica-child.ts) the parent can kill, pause and follow. */
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const childScript = fileURLToPath(new URL('./replica-child.ts', import.meta.url));

export interface Replica {
  readonly id: string;
  readonly process: ChildProcess;
  paused: boolean;
  exited: boolean;
}

export type LineListener = (replica: Replica, line: string) => void;

/** Keeps `size` replicas alive (a killed one is replaced by a new one) and hands every line to the listeners. */
export class ReplicaFleet {
  readonly replicas = new Set<Replica>();
  readonly stderr: string[] = [];
  private listeners: LineListener[] = [];
  private started = 0;

  constructor(private readonly settings: (workerId: string) => object) {}

  onLine(listener: LineListener): void {
    this.listeners.push(listener);
  }

  /** Starts one replica and resolves once it printed `ready`. */
  spawn(): Promise<Replica> {
    const id = `replica_${++this.started}`;
    // `node --import tsx` (not the tsx CLI, which would run the script in a second process that signals miss).
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', childScript, JSON.stringify(this.settings(id))],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const replica: Replica = { id, process: child, paused: false, exited: false };
    this.replicas.add(replica);
    child.stderr?.on('data', (chunk) => {
      this.stderr.push(`${id}: ${String(chunk)}`);
    });
    child.on('exit', () => {
      replica.exited = true;
      this.replicas.delete(replica);
    });
    return new Promise((resolve, reject) => {
      createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
        if (line === 'ready') resolve(replica);
        for (const listener of this.listeners) listener(replica, line);
      });
      child.on('exit', (code, signal) => {
        if (signal === null && code !== 0)
          reject(new Error(`${id} exited with ${code}: ${this.stderr.join('').slice(-2000)}`));
      });
    });
  }

  kill(replica: Replica): void {
    replica.process.kill('SIGKILL');
    this.replicas.delete(replica);
  }

  pause(replica: Replica): void {
    replica.paused = true;
    replica.process.kill('SIGSTOP');
  }

  resume(replica: Replica): void {
    replica.paused = false;
    replica.process.kill('SIGCONT');
  }

  /** SIGTERM to all (clean stop, leases released), SIGKILL after `graceMs`. */
  async stopAll(graceMs = 10_000): Promise<void> {
    const all = [...this.replicas];
    await Promise.all(
      all.map(
        (replica) =>
          new Promise<void>((resolve) => {
            if (replica.exited) return resolve();
            const timer = setTimeout(() => replica.process.kill('SIGKILL'), graceMs);
            replica.process.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            if (replica.paused) replica.process.kill('SIGCONT');
            replica.process.kill('SIGTERM');
          }),
      ),
    );
  }
}
