/**
 * QR codes for `signet pack --format html`, as SVG strings: the one CLI file that loads a package (qrcode),
 * imported only when an HTML page is written, so no other command's start-up pays for it.
 */
import QRCode from 'qrcode';

export async function qrSvgs(texts: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const t of new Set(texts))
    out.set(t, await QRCode.toString(t, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }));
  return out;
}
