/**
 * What rendering costs on the local farm: every rendered frame number is charged FRAME_PRICE to the
 * frame (feeAmount), its task (renderConsume) and the account, whose balance falls by as much.
 * The balance is derived from the charges, so it can never drift from them.
 */
import type { FarmDb } from '../db';

/** Price of one rendered frame number, in the account's currency (RMB on a zone-1 account). */
export const FRAME_PRICE = 0.5;

const cents = (n: number): number => Math.round(n * 100) / 100;

/** Charges a finished frame covering `frameCount` frame numbers. */
export function chargeFrame(db: FarmDb, frameId: number, frameCount: number): number {
  const fee = cents(FRAME_PRICE * frameCount);
  db.prepare('UPDATE frames SET fee_amount = fee_amount + ? WHERE id = ?').run(fee, frameId);
  return fee;
}

/** What the account's frames have cost so far. */
export function consumedBy(db: FarmDb, userId: number): number {
  const row = db.prepare('SELECT COALESCE(SUM(f.fee_amount), 0) AS s FROM frames f JOIN tasks t ON t.id = f.task_id WHERE t.user_id = ?').get(userId) as { s: number };
  return cents(row.s);
}

/** The profile with the balance and the cumulative spend after the charges (queryUserProfile). */
export function profileWithBalance(db: FarmDb, userId: number, profile: Record<string, unknown>): Record<string, unknown> {
  const spent = consumedBy(db, userId);
  const base = Number(profile.rmbbalance ?? 0);
  return { ...profile, rmbbalance: cents(base - spent), rmbCumulative: cents(Number(profile.rmbCumulative ?? 0) + spent) };
}

/** Sum of fees of a list of frames (a task's renderConsume). */
export function feesOf(frames: readonly { fee_amount: number }[]): number {
  return cents(frames.reduce((s, f) => s + (f.fee_amount ?? 0), 0));
}
