/** The clipboard and a copied secret or credential (audit item 8): marked concealed, cleared on quit if still there. */
import { describe, expect, it } from 'vitest';
import { recordingClipboard } from '../../../testing/clipboard';
import { makeServices } from '../../../testing/main-services';

const EBER = {
  baseUrl: 'https://demo.eber.co',
  timezone: 'Asia/Singapore',
  defaultLocale: 'en',
  defaultIdentifierType: 'email' as const,
};

describe('profiles:copySecret', () => {
  it('writes the secret marked concealed, and dispose() clears it if the clipboard still holds it', async () => {
    const clipboard = recordingClipboard();
    const s = await makeServices({ clipboard });
    const p = await s.vault.create({ kind: 'eber', name: 'E', settings: EBER, secret: 'Eb3r-secret' });
    expect(await s.call('profiles:copySecret', { id: p.id })).toMatchObject({ ok: true });
    expect(clipboard.writes).toEqual([{ text: 'Eb3r-secret', concealed: true }]);
    expect(clipboard.text).toBe('Eb3r-secret');
    await s.dispose();
    expect(clipboard.text).toBe('');
  });

  it('dispose() leaves the clipboard alone when the user copied something else since', async () => {
    const clipboard = recordingClipboard();
    const s = await makeServices({ clipboard });
    const p = await s.vault.create({ kind: 'eber', name: 'E', settings: EBER, secret: 'Eb3r-secret' });
    await s.call('profiles:copySecret', { id: p.id });
    clipboard.text = 'something the user copied';
    await s.dispose();
    expect(clipboard.text).toBe('something the user copied');
  });

  it('clipboard:copy (non-secret text from the page) is not marked concealed and not cleared on quit', async () => {
    const clipboard = recordingClipboard();
    const s = await makeServices({ clipboard });
    await s.call('clipboard:copy', { text: 'https://demo.eber.co/x' });
    expect(clipboard.writes).toEqual([{ text: 'https://demo.eber.co/x', concealed: false }]);
    await s.dispose();
    expect(clipboard.text).toBe('https://demo.eber.co/x');
  });

  it('clipboard:copy of a credential (a login URL, signature or hash) is concealed and cleared on quit if still there', async () => {
    const clipboard = recordingClipboard();
    const s = await makeServices({ clipboard });
    const url = 'https://demo.eber.co/login/hmac?hmac_email=a%40b.c&hmac_hash=00';
    await s.call('clipboard:copy', { text: url, credential: true });
    expect(clipboard.writes).toEqual([{ text: url, concealed: true }]);
    await s.dispose();
    expect(clipboard.text).toBe('');
  });

  it('a credential the user has copied over since is left alone on quit', async () => {
    const clipboard = recordingClipboard();
    const s = await makeServices({ clipboard });
    await s.call('clipboard:copy', { text: '1735689600:mac:nonce', credential: true });
    clipboard.text = 'something the user copied';
    await s.dispose();
    expect(clipboard.text).toBe('something the user copied');
  });
});
