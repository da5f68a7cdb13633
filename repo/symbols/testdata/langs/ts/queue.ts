// A job queue with typed handlers: the shapes a reviewer meets in
// TypeScript (interfaces, type aliases, enums, generic classes, abstract
// classes, namespaces, arrow functions, overloads, exports).

export const MAX_ATTEMPTS = 5;
let jobsSeen = 0;

export enum JobState {
  Queued,
  Running,
  Done,
  Failed,
}

export interface Job<T = unknown> {
  id: string;
  payload: T;
  attempts: number;
  state: JobState;
}

export interface Handler<T> {
  (job: Job<T>): Promise<void>;
}

export type JobFilter = (job: Job) => boolean;
type Listener = { onChange(job: Job): void };

export abstract class Store<T> {
  abstract put(job: Job<T>): void;
  abstract take(): Job<T> | undefined;

  size(): number {
    return 0;
  }
}

export class MemoryStore<T> extends Store<T> {
  private jobs: Job<T>[] = [];

  put(job: Job<T>): void {
    this.jobs.push(job);
  }

  take(): Job<T> | undefined {
    return this.jobs.shift();
  }

  size(): number {
    return this.jobs.length;
  }
}

export class Queue<T> {
  private listeners: Listener[] = [];
  private readonly handlers = new Map<string, Handler<T>>();
  public concurrency = 1;

  constructor(private store: Store<T>, readonly name: string) {}

  on(kind: string, h: Handler<T>): this {
    this.handlers.set(kind, h);
    return this;
  }

  subscribe(l: Listener): () => void {
    this.listeners.push(l);
    return () => {
      this.listeners = this.listeners.filter((x) => x !== l);
    };
  }

  add(id: string, payload: T): Job<T> {
    const job: Job<T> = { id, payload, attempts: 0, state: JobState.Queued };
    this.store.put(job);
    jobsSeen++;
    this.notify(job);
    return job;
  }

  private notify(job: Job<T>): void {
    for (const l of this.listeners) {
      l.onChange(job);
    }
  }

  async runOnce(kind: string): Promise<boolean> {
    const job = this.store.take();
    if (!job) {
      return false;
    }
    const h = this.handlers.get(kind);
    if (!h) {
      throw new Error(`no handler for ${kind}`);
    }
    job.state = JobState.Running;
    job.attempts++;
    try {
      await h(job);
      job.state = JobState.Done;
    } catch (e) {
      job.state = job.attempts >= MAX_ATTEMPTS ? JobState.Failed : JobState.Queued;
      if (job.state === JobState.Queued) {
        this.store.put(job);
      }
    }
    this.notify(job);
    return true;
  }

  get pending(): number {
    return this.store.size();
  }
}

export function byState(state: JobState): JobFilter {
  return (job) => job.state === state;
}

export function describe(job: Job): string;
export function describe(job: Job, verbose: boolean): string;
export function describe(job: Job, verbose = false): string {
  const base = `${job.id} (${JobState[job.state]})`;
  return verbose ? `${base} after ${job.attempts} attempts` : base;
}

export const retryDelay = (attempt: number): number => Math.min(100 * 2 ** attempt, 10_000);

export namespace Metrics {
  export let processed = 0;

  export function record(job: Job): void {
    if (job.state === JobState.Done) {
      processed++;
    }
  }
}

function* ids(prefix: string): Generator<string> {
  let i = 0;
  while (true) {
    yield `${prefix}-${i++}`;
  }
}

export async function drain<T>(q: Queue<T>, kind: string): Promise<number> {
  let n = 0;
  while (await q.runOnce(kind)) {
    n++;
  }
  return n;
}

export default function createQueue<T>(name: string): Queue<T> {
  const gen = ids(name);
  const q = new Queue<T>(new MemoryStore<T>(), name);
  q.on('noop', async () => {
    gen.next();
  });
  return q;
}
