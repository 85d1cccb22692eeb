/**
 * Runs a job per key once its calls have paused: a call within `delayMs` of the last one for the same key
 * replaces it, so typing lints once per pause, not once per keystroke.
 */
export class Debouncer<K> {
  private readonly timers = new Map<K, NodeJS.Timeout>();

  constructor(private readonly delayMs: number) {}

  /** Runs `job` after the delay (or `delayMs`, 0 to run on the next turn), unless another call for `key` comes first. */
  run(key: K, job: () => void, delayMs = this.delayMs): void {
    this.cancel(key);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        job();
      }, delayMs),
    );
  }

  cancel(key: K): void {
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
  }
}
