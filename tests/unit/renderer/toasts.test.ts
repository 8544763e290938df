import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';

// The store's door to the main side is window.cabinet; the toasts never call it.
vi.stubGlobal('window', { cabinet: {} });
const { useProfileStore } = await import('../../../renderer/src/stores/profile');
const { SUCCESS_TOAST_MS } = await import('../../../renderer/src/ui/toasts');

const msisdn = '+79001234567';

describe('toasts: good news closes by itself, a warning stays until dismissed', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    setActivePinia(createPinia());
  });
  afterEach(() => vi.useRealTimers());

  it('«payment arrived» closes by itself; «low balance» is still there long after', () => {
    const profile = useProfileStore();
    profile.alertRaised({ kind: 'payment-arrived', msisdn, amountKopecks: 50_000, balanceKopecks: 60_000 });
    profile.alertRaised({ kind: 'low-balance', msisdn, balanceKopecks: 4_500, thresholdKopecks: 10_000 });
    expect(profile.alerts.map((alert) => alert.kind)).toEqual(['payment-arrived', 'low-balance']);
    vi.advanceTimersByTime(SUCCESS_TOAST_MS + 1);
    expect(profile.alerts.map((alert) => alert.kind)).toEqual(['low-balance']);
    vi.advanceTimersByTime(10 * 60_000);
    expect(profile.alerts.map((alert) => alert.kind)).toEqual(['low-balance']);
    profile.dismissAlert(profile.alerts[0]!.id);
    expect(profile.alerts).toEqual([]);
  });

  it('does not close while the pointer or focus is on it, and closes after it leaves', () => {
    const profile = useProfileStore();
    profile.alertRaised({ kind: 'payment-arrived', msisdn, amountKopecks: 50_000, balanceKopecks: 60_000 });
    const id = profile.alerts[0]!.id;
    vi.advanceTimersByTime(SUCCESS_TOAST_MS - 100);
    profile.holdAlert(id);
    vi.advanceTimersByTime(SUCCESS_TOAST_MS * 3);
    expect(profile.alerts).toHaveLength(1);
    profile.releaseAlert(id);
    vi.advanceTimersByTime(SUCCESS_TOAST_MS + 1);
    expect(profile.alerts).toHaveLength(0);
  });
});
