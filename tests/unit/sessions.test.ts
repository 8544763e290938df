import { describe, expect, it } from 'vitest';
import { SessionRegistry } from '../../electron/core/auth/sessions';
import { ManualClock } from '../../electron/core/clock';
import { SequentialIds } from '../../electron/core/ids';
import type { E164 } from '../../shared/phone';

const owner = { subscriberId: 's1', subscriberName: 'Анна', lineId: 'l1', msisdn: '+79001234567' as E164, way: 'password' as const, device: 'test device', mustSetPassword: false };
const minute = 60_000;

describe('a signed-in session', () => {
  it('ends after 15 minutes without use', () => {
    const clock = new ManualClock(0);
    const sessions = new SessionRegistry(clock, new SequentialIds());
    const session = sessions.open(owner);
    clock.advance(15 * minute - 1);
    expect(sessions.touch(session.id).status).toBe('live');
    clock.advance(15 * minute - 1);
    expect(sessions.touch(session.id).status).toBe('live');
    clock.advance(15 * minute);
    expect(sessions.touch(session.id).status).toBe('expired');
    expect(sessions.touch(session.id).status).toBe('none');
  });

  it('ends 12 hours after sign-in however busy', () => {
    const clock = new ManualClock(0);
    const sessions = new SessionRegistry(clock, new SequentialIds());
    const session = sessions.open(owner);
    for (let elapsed = 0; elapsed < 12 * 60 * minute - 10 * minute; elapsed += 10 * minute) {
      clock.advance(10 * minute);
      expect(sessions.touch(session.id).status).toBe('live');
    }
    clock.set(12 * 60 * minute);
    expect(sessions.touch(session.id).status).toBe('expired');
  });

  it('a peek does not keep it alive', () => {
    const clock = new ManualClock(0);
    const sessions = new SessionRegistry(clock, new SequentialIds());
    const session = sessions.open(owner);
    clock.advance(10 * minute);
    sessions.touch(session.id, { peek: true });
    clock.advance(5 * minute);
    expect(sessions.touch(session.id).status).toBe('expired');
  });
});
