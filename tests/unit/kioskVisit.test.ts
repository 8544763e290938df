import { describe, expect, it } from 'vitest';
import { defaultSessionPolicy } from '../../electron/core/auth/sessions';
import { sessionPolicyFor } from '../../electron/core/kiosk/kioskSessionPolicy';
import { KioskVisitEnd } from '../../electron/core/kiosk/visitEnd';
import { withoutSystemBrowserOnKiosk } from '../../electron/core/kiosk/noSystemBrowser';
import type { OAuthPorts } from '../../electron/core/auth/socialSignIn';
import type { Logger } from '../../electron/core/logger';
import { defaultKioskSettings } from '../../electron/core/kiosk/model';

describe('the sign-in session’s policy', () => {
  it('on a kiosk is its idle time and warning countdown; elsewhere the desktop’s own', () => {
    const settings = { ...defaultKioskSettings, idleSeconds: 120, warningSeconds: 20 };
    expect(sessionPolicyFor(defaultSessionPolicy, { enabled: true, settings })).toEqual({ idleMs: 140_000, absoluteMs: defaultSessionPolicy.absoluteMs });
    expect(sessionPolicyFor(defaultSessionPolicy, { enabled: false, settings })).toEqual(defaultSessionPolicy);
  });
});

describe('the end of a kiosk visit', () => {
  it('wipes every trace even when one fails, and logs which failed without its contents', async () => {
    const logged: string[] = [];
    const logger: Logger = { info: () => undefined, warn: () => undefined, error: (message, fields) => void logged.push(`${message} ${JSON.stringify(fields)}`) };
    const wiped: string[] = [];
    const end = new KioskVisitEnd(() => true, logger);
    end.add({ name: 'clipboard', wipe: async () => Promise.reject(new Error('no clipboard owner')) });
    end.add({ name: 'handset messages', wipe: () => void wiped.push('handset') });
    end.add({ name: 'receipt files', wipe: async () => void wiped.push('receipts') });
    await end.ended();
    expect(wiped).toEqual(['handset', 'receipts']);
    expect(logged).toEqual(['a trace of a kiosk visit could not be wiped {"trace":"clipboard","error":"no clipboard owner"}']);
  });

  it('does nothing on a computer that is not a kiosk', async () => {
    let wiped = 0;
    const end = new KioskVisitEnd(() => false, { info: () => undefined, warn: () => undefined, error: () => undefined });
    end.add({ name: 'clipboard', wipe: () => void (wiped += 1) });
    await end.ended();
    expect(wiped).toBe(0);
  });
});

describe('the system browser on a kiosk', () => {
  const recording = () => {
    const asked: string[] = [];
    const ports: OAuthPorts = {
      listen: async () => ((asked.push('listen'), { redirectUri: 'http://127.0.0.1:1/callback', result: Promise.resolve(null), close: () => undefined })),
      openInBrowser: async (url) => void asked.push(url),
      exchangeCode: async () => ({ accessToken: 'token' }),
      fetchSubject: async () => 'subject',
    };
    return { asked, ports };
  };

  it('is never opened, nor its redirect listened for: the call is FORBIDDEN with the reason', async () => {
    const { asked, ports } = recording();
    const guarded = withoutSystemBrowserOnKiosk(ports, () => true);
    await expect(guarded.openInBrowser('https://id.example/authorize')).rejects.toMatchObject({ code: 'FORBIDDEN', details: { reason: 'kiosk' } });
    await expect(guarded.listen()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(asked).toEqual([]);
  });

  it('opens as before on a computer that is not a kiosk', async () => {
    const { asked, ports } = recording();
    const guarded = withoutSystemBrowserOnKiosk(ports, () => false);
    await guarded.listen();
    await guarded.openInBrowser('https://id.example/authorize');
    expect(asked).toEqual(['listen', 'https://id.example/authorize']);
  });
});
