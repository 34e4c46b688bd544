import { describe, expect, it } from 'vitest';
import { statusForStage } from '../../shared/domain';

describe('deal status follows the stage', () => {
  it('keeps open stages open and closes on won or lost', () => {
    expect(statusForStage('negotiate')).toBe('open');
    expect(statusForStage('won')).toBe('won');
    expect(statusForStage('lost')).toBe('lost');
  });
});
