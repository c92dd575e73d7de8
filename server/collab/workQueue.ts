// A room's work, run one batch at a time: whatever arrived while a batch was being stored forms
// the next batch, so a busy room stores many edits per database write.

export class WorkQueue<W> {
  private queue: W[] = [];
  private running: Promise<void> | null = null;

  constructor(
    /** Runs one batch; must handle the batch's own failures. */
    private readonly run: (batch: W[]) => Promise<void>,
    /** `run` threw anyway: the pipeline itself is broken. */
    private readonly onCrash: (error: unknown) => void,
    /** Once true, nothing more runs. */
    private readonly stopped: () => boolean,
  ) {}

  get busy(): boolean {
    return this.running !== null || this.queue.length > 0;
  }

  push(work: W): void {
    this.queue.push(work);
    this.kick();
  }

  /** Drop the work not yet started; returns what was dropped. */
  clear(): W[] {
    const dropped = this.queue;
    this.queue = [];
    return dropped;
  }

  /** Resolves once no batch is running. */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  private kick(): void {
    if (this.running || this.stopped()) return;
    this.running = this.drain()
      .catch(this.onCrash)
      .finally(() => {
        this.running = null;
        if (this.queue.length > 0) this.kick();
      });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0 && !this.stopped()) {
      const batch = this.queue;
      this.queue = [];
      await this.run(batch);
    }
  }
}
