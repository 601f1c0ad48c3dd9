/**
 * Exits the sidecar after `timeoutMs` with no clients and no running jobs (LSP's "exit when the
 * last client is gone", with a grace period so a DCC restart does not kill a warm sidecar).
 */
export class IdleWatch {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly timeoutMs: number,
    private readonly isIdle: () => boolean,
    private readonly onIdle: () => void,
  ) {}

  /** Re-evaluates after any change of clients or jobs. */
  poke(): void {
    if (this.timeoutMs <= 0) return;
    if (!this.isIdle()) {
      this.stop();
      return;
    }
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      if (this.isIdle()) this.onIdle();
    }, this.timeoutMs);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
