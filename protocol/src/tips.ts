/**
 * Tip codes for damage the static scene readers notice (issue 19): each reaches tips.json and the
 * check as a typed tip. The SDK's own range (15101–15108) sits beside the farm's 150xx analyzer codes
 * (spec/api.md §8.2); a farm that does not know them leaves them to the check, which decides.
 *
 * A code in `INCOMPLETE_READ_TIPS` means the reader could not read the whole scene: the facts (files,
 * frames, cameras) may be missing things. The check refuses such a scene unless the user accepts it
 * explicitly (`allowIncomplete`: CLI `--allow-incomplete`, the dialog's checkbox). The other codes
 * say the reader met damage it stepped over without losing anything it reads (a warning).
 * @since 1.1
 */
export const SceneDamageTips = {
  /** .hip ends before its TRAILER!!! entry, or inside an entry. */
  hipTruncated: '15101',
  /** .hip: a cpio header is damaged after an entry the reader reads; it resumed at the next intact header. */
  hipBadHeader: '15102',
  /** .hip: an entry the reader needs could not be parsed, or is too large to read statically. */
  hipEntryUnread: '15103',
  /** .mb is shorter than its header says, or ends inside a chunk. */
  mbTruncated: '15104',
  /** .mb: a chunk the reader needs could not be read (larger than the static reader reads). */
  mbUnreadChunk: '15105',
  /** .ma ends inside a statement, or without Maya's closing "// End of <file>" line. */
  maTruncated: '15106',
  /** .project has unbalanced braces or ends inside a block or string. */
  projectTruncated: '15107',
  /** .hip: a damaged cpio header after an entry the reader skips anyway (a binary library): nothing read was lost. */
  hipRecovered: '15108',
} as const;
export type SceneDamageTip = (typeof SceneDamageTips)[keyof typeof SceneDamageTips];

/** The damage codes that mean "the scene was not read completely". */
export const INCOMPLETE_READ_TIPS: readonly string[] = [
  SceneDamageTips.hipTruncated,
  SceneDamageTips.hipBadHeader,
  SceneDamageTips.hipEntryUnread,
  SceneDamageTips.mbTruncated,
  SceneDamageTips.mbUnreadChunk,
  SceneDamageTips.maTruncated,
  SceneDamageTips.projectTruncated,
];

/** True when `code` (a tips.json key) says the scene read was incomplete. */
export function isIncompleteReadTip(code: string): boolean {
  return INCOMPLETE_READ_TIPS.includes(code);
}
