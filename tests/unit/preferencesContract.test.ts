import { describe, expect, it } from 'vitest';
import { Preferences } from '../../shared/contract/settings';

describe('the interface preference', () => {
  it('a settings file from before the choice existed keeps its language and theme and shows the new interface', () => {
    expect(Preferences.parse({ language: 'en', theme: 'dark' })).toEqual({ language: 'en', theme: 'dark', interface: 'new' });
  });

  it('a hand-edited unknown interface reads as the new one, the classic one stays classic', () => {
    expect(Preferences.parse({ language: 'ru', theme: 'system', interface: 'retro' }).interface).toBe('new');
    expect(Preferences.parse({ language: 'ru', theme: 'system', interface: 'classic' }).interface).toBe('classic');
  });
});
