import { parentPort, Worker, type MessagePort } from 'node:worker_threads';

/**
 * What the rest of a process needs of its projector, wherever it runs: on the
 * request thread (`Projector`) or on a worker thread of its own
 * (`ProjectorThread`, issue 24).
 */
export interface ProjectorHandle {
  start(): void;
  stop(): Promise<void>;
  /** A local commit: project soon. */
  poke(): void;
  /** Applies everything committed so far; resolves with the number of events applied. */
  catchUp(): Promise<number>;
  /** Called after each batch a projection committed, with the dossiers it touched (to drop cached reads). */
  onCommit(listener: (projection: string, dossierIds: Set<string>) => void): void;
  /** When a round last finished without an error: readiness compares it with the clock. */
  readonly lastGoodRound: number;
}

/** Messages from the thread that projects to the one that started it. */
type FromThread =
  | { type: 'ready' }
  | { type: 'round'; at: number }
  | { type: 'committed'; projection: string; ids: string[] }
  | { type: 'caughtUp'; id: number; applied?: number; error?: string }
  | { type: 'failed'; error: string };

/** Messages to the thread that projects. */
type ToThread = { type: 'poke' } | { type: 'catchUp'; id: number } | { type: 'stop' };

export interface ProjectorThreadOptions {
  /** The worker's entry: it builds a projector and hands it to `serveProjector`. */
  entry: URL;
  /** What the entry needs to build it (structured-cloned). */
  workerData?: unknown;
  /** An error or a restart, for the log: a thread never stops silently. */
  onError?: (message: string) => void;
  /** Pause before the first restart of a thread that ended, doubling up to 30 s. */
  restartMs?: number;
}

/**
 * The projector on a worker thread of its own (issue 24): the process's
 * request thread only decides and appends, while the thread folds events and
 * writes the read models through a connection pool of its own. It is woken by
 * `poke()` after each local commit (and by the store's signal, D57, like a
 * projector process). A thread that ends or fails is started again after a
 * pause, with a line in the log; while it is down its rounds stop, so
 * readiness says so after PROJECTION_STALL_SECONDS. The checkpoints make a
 * restart lose nothing: the new thread goes on from the last batch committed.
 */
export class ProjectorThread implements ProjectorHandle {
  lastGoodRound = Date.now();
  private worker: Worker | undefined;
  private ready = false;
  private stopping = false;
  private restartTimer: NodeJS.Timeout | undefined;
  private pause: number;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (n: number) => void; reject: (e: Error) => void }>();
  private readonly whenReady: { resolve: () => void; reject: (e: Error) => void }[] = [];
  private readonly committed: ((projection: string, dossierIds: Set<string>) => void)[] = [];
  /** How many threads were started (the first and every restart). */
  starts = 0;

  constructor(private readonly options: ProjectorThreadOptions) {
    this.pause = options.restartMs ?? 1_000;
  }

  onCommit(listener: (projection: string, dossierIds: Set<string>) => void): void {
    this.committed.push(listener);
  }

  start(): void {
    this.stopping = false;
    if (this.worker) return;
    this.starts++;
    this.ready = false;
    const worker = new Worker(this.options.entry, { workerData: this.options.workerData });
    this.worker = worker;
    worker.on('message', (m: FromThread) => this.receive(m));
    worker.on('error', (e) => this.options.onError?.(`the projector thread failed: ${e.stack ?? String(e)}`));
    worker.on('exit', (code) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.ready = false;
      for (const [, w] of this.waiting) w.reject(new Error(`the projector thread ended (exit code ${code})`));
      this.waiting.clear();
      if (this.stopping) return;
      this.options.onError?.(`the projector thread ended (exit code ${code}); starting it again in ${this.pause} ms`);
      this.restartTimer = setTimeout(() => {
        this.restartTimer = undefined;
        if (!this.stopping) this.start();
      }, this.pause);
      this.pause = Math.min(this.pause * 2, 30_000);
    });
  }

  poke(): void {
    if (this.ready) this.send({ type: 'poke' });
  }

  async catchUp(): Promise<number> {
    await this.untilReady();
    const id = this.nextId++;
    return new Promise<number>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.send({ type: 'catchUp', id });
    });
  }

  /** Whether a thread is up and takes messages (false while it starts, or after it ended until it is back). */
  get up(): boolean {
    return this.ready;
  }

  /** Resolves once the thread has built its projector and takes messages. */
  untilReady(): Promise<void> {
    if (this.ready) return Promise.resolve();
    return new Promise((resolve, reject) => this.whenReady.push({ resolve, reject }));
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
    // Whoever waits for a thread that will not come (a catch-up asked during start-up) hears so.
    for (const w of this.whenReady.splice(0)) w.reject(new Error('the projector thread was stopped'));
    const worker = this.worker;
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage({ type: 'stop' } satisfies ToThread);
    // A thread that cannot finish its batch in time is ended: its uncommitted batch is applied again after a restart.
    const timer = setTimeout(() => void worker.terminate(), 10_000);
    await exited;
    clearTimeout(timer);
  }

  private send(m: ToThread): void {
    this.worker?.postMessage(m);
  }

  private receive(m: FromThread): void {
    switch (m.type) {
      case 'ready':
        this.ready = true;
        // A thread that came up again starts over from the first pause the next time it ends.
        this.pause = this.options.restartMs ?? 1_000;
        for (const w of this.whenReady.splice(0)) w.resolve();
        break;
      case 'round':
        this.lastGoodRound = m.at;
        break;
      case 'committed': {
        const ids = new Set(m.ids);
        for (const listener of this.committed) listener(m.projection, ids);
        break;
      }
      case 'caughtUp': {
        const w = this.waiting.get(m.id);
        this.waiting.delete(m.id);
        if (m.error !== undefined) w?.reject(new Error(m.error));
        else w?.resolve(m.applied ?? 0);
        break;
      }
      case 'failed':
        this.options.onError?.(`the projector thread could not start: ${m.error}`);
        break;
    }
  }
}

/**
 * The worker side of `ProjectorThread`: answers the thread that started this
 * one for `projector` (which the entry started). `close` ends what the entry opened (after the
 * projector stopped); the thread then ends.
 */
export function serveProjector(projector: ProjectorHandle, close: () => Promise<void>, port: MessagePort | null = parentPort): void {
  if (!port) throw new Error('serveProjector runs on a worker thread');
  const post = (m: FromThread) => port.postMessage(m);
  projector.onCommit((projection, ids) => post({ type: 'committed', projection, ids: [...ids] }));
  // Readiness on the request thread compares the last good round with the clock: tell it each second it moved.
  let told = 0;
  const rounds = setInterval(() => {
    if (projector.lastGoodRound !== told) post({ type: 'round', at: (told = projector.lastGoodRound) });
  }, 1_000);
  port.on('message', (m: ToThread) => {
    if (m.type === 'poke') projector.poke();
    else if (m.type === 'catchUp')
      projector.catchUp().then(
        (applied) => {
          post({ type: 'round', at: (told = projector.lastGoodRound) });
          post({ type: 'caughtUp', id: m.id, applied });
        },
        (e: unknown) => post({ type: 'caughtUp', id: m.id, error: e instanceof Error ? e.message : String(e) }),
      );
    else if (m.type === 'stop') {
      clearInterval(rounds);
      void projector
        .stop()
        .then(close)
        // On a worker thread this ends the thread alone.
        .finally(() => process.exit(0));
    }
  });
  post({ type: 'ready' });
}

/** Tells the thread that started this one that it could not build its projector, then ends with an error. */
export function failProjectorThread(e: unknown, port: MessagePort | null = parentPort): never {
  port?.postMessage({ type: 'failed', error: e instanceof Error ? (e.stack ?? e.message) : String(e) } satisfies FromThread);
  process.exit(1);
}
