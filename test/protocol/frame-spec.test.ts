// The frame-spec grammar the dialog and the CLI share (protocol/src/frame-spec.ts).
import { describe, expect, it } from 'vitest';
import { expandFrameSpec, farmFrames, frameSpecProblem, MAX_FRAMES } from '../../protocol/src/frame-spec';

describe('frame specs', () => {
  it('accept lists, ranges, steps (x, :, [ ]) and negative frames', () => {
    expect(expandFrameSpec('1-10x3, 20, 30-31')).toEqual([1, 4, 7, 10, 20, 30, 31]);
    expect(expandFrameSpec('1-5[2],3')).toEqual([1, 3, 5]);
    expect(expandFrameSpec('-3--1, 0, 2-4:2')).toEqual([-3, -2, -1, 0, 2, 4]);
    expect(expandFrameSpec(' 1 - 5 x 2 ')).toEqual([1, 3, 5]);
    expect(farmFrames('1-100x2, 120, 200-210')).toBe('1-100[2],120,200-210[1]');
  });

  it('refuse bad ones saying why', () => {
    expect(frameSpecProblem('')).toMatch(/empty/);
    expect(frameSpecProblem('1,,3')).toMatch(/empty item/);
    expect(frameSpecProblem('a-b')).toMatch(/"a-b", which is not a frame/);
    expect(frameSpecProblem('5-1')).toMatch(/ends before it starts/);
    expect(frameSpecProblem('1-5x0')).toMatch(/step must be 1 or more/);
    expect(frameSpecProblem(`1-${MAX_FRAMES + 1}`)).toMatch(/more than/);
    expect(frameSpecProblem('1-100x2, 120')).toBeUndefined();
  });
});
