import { describe, expect, it } from 'vitest';
import { AdapterSettings, AdapterSettingsError, MemoryRawSettings } from '../../electron/settings/adapterSettings';
import { testSealer } from '../../electron/settings/settingsStore';

const smpp = { host: 'smsc.operator.test', port: 2775, systemId: 'cabinet', password: 's3cr3t', sourceAddress: 'Tele2' };

function fresh(available = true) {
  const raw = new MemoryRawSettings();
  return { raw, settings: new AdapterSettings(raw, testSealer(available)) };
}

describe('connection settings', () => {
  it('keep a secret sealed: never as typed in the file, never in what a window sees; the adapter gets it back', () => {
    const { raw, settings } = fresh();
    const view = settings.update('sms', smpp);
    expect(JSON.stringify(raw.get())).not.toContain('s3cr3t');
    expect(JSON.stringify(view)).not.toContain('s3cr3t');
    expect(view.adapters.find((adapter) => adapter.adapter === 'sms')).toMatchObject({ complete: true, fields: expect.arrayContaining([{ key: 'password', kind: 'secret', required: true, value: null, set: true }]) });
    expect(settings.resolved('sms')).toEqual(smpp);
    expect(view.restartNeeded).toBe(true);
  });

  it('an empty secret keeps the one set before; null clears a field', () => {
    const { settings } = fresh();
    settings.update('sms', smpp);
    settings.update('sms', { host: 'smsc2.operator.test', password: '' });
    expect(settings.resolved('sms')).toEqual({ ...smpp, host: 'smsc2.operator.test' });
    settings.update('sms', { password: null });
    expect(settings.resolved('sms')).toBeNull();
  });

  it('a bad value is refused naming the field and what is expected, and nothing of the change is written', () => {
    const { raw, settings } = fresh();
    settings.update('sms', smpp);
    const before = JSON.stringify(raw.get());
    const tries: Array<[Record<string, string | number | null>, string, RegExp]> = [
      [{ host: 'smsc.test', port: 70_000 }, 'sms.port', /port from 1 to 65535/],
      [{ host: 'http://smsc.test/' }, 'sms.host', /without a scheme/],
      [{ systemId: 'a-system-id-far-too-long' }, 'sms.systemId', /at most 15/],
      [{ colour: 'red' }, 'sms.colour', /one of host, port/],
    ];
    for (const [values, field, expected] of tries) {
      let error: unknown;
      try {
        settings.update('sms', values);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(AdapterSettingsError);
      expect((error as AdapterSettingsError).field).toBe(field);
      expect((error as AdapterSettingsError).expected).toMatch(expected);
    }
    expect(JSON.stringify(raw.get())).toBe(before);
    expect(() => settings.update('cardPayments', { apiUrl: 'http://pay.test/v3' })).toThrow(/cardPayments.apiUrl: expected an https/);
    expect(() => settings.update('mail', { from: 'not an address' })).toThrow(/mail.from: expected an e-mail address/);
  });

  it('without a keyring no secret is kept, and says why', () => {
    const { raw, settings } = fresh(false);
    expect(() => settings.update('sms', smpp)).toThrow(/sms.password: expected an OS keyring/);
    expect(raw.get()).toBeUndefined();
    expect(settings.view().sealing).toBe(false);
  });

  it('a hand-edited file with a secret in the clear or a bad value leaves the adapter not configured', () => {
    const { raw, settings } = fresh();
    raw.set('adapters', { sms: { ...smpp, password: 's3cr3t' } });
    expect(settings.resolved('sms')).toBeNull();
    raw.set('adapters', { sms: { ...smpp, port: 'many', password: { sealed: testSealer().seal('s3cr3t') } } });
    expect(settings.resolved('sms')).toBeNull();
    // Sealed on another computer: it cannot be opened here.
    raw.set('adapters', { sms: { ...smpp, password: { sealed: 'sealed-elsewhere' } } });
    expect(settings.resolved('sms')).toBeNull();
    expect(settings.view().adapters.find((adapter) => adapter.adapter === 'sms')?.complete).toBe(false);
  });
});
