/**
 * Opens a URL or a folder with the desktop's default application (the `open` package: xdg-open,
 * `open` on macOS, `start` on Windows). A machine without a desktop is an error that says so.
 */
import { FarmError } from '../errors';

/** Opens `target` (a URL or a folder); rejects with ERR_OPEN when no opener could start. */
export async function openExternal(target: string): Promise<void> {
  try {
    // Loaded on use: the sidecar starts without it (issue 13).
    const { default: open } = await import('open');
    const child = await open(target, { wait: false });
    await new Promise<void>((resolve, reject) => {
      child.once('error', reject);
      child.once('spawn', () => resolve());
      if (child.pid !== undefined) resolve();
    });
  } catch (err) {
    throw new FarmError('ERR_OPEN', `Could not open ${target} (${(err as Error).message}): this machine has no desktop opener; open it by hand.`, { cause: err });
  }
}
