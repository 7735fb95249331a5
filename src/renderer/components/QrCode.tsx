import { Text } from '@mantine/core';
// The library's core and its SVG renderer only: its browser entry also bundles a canvas renderer this never uses.
// @ts-expect-error: internal modules of qrcode, without type declarations
import { create } from 'qrcode/lib/core/qrcode';
// @ts-expect-error: see above
import { render as renderSvg } from 'qrcode/lib/renderer/svg-tag';
import { useEffect, useState } from 'react';

/** How long the URL must stay unchanged before its QR code is drawn. */
const QR_DELAY_MS = 250;

/** A QR code of a URL, rendered to a data: image (the CSP allows img-src data:). */
export function QrCode({ value, label }: { value: string; label: string }) {
  const [src, setSrc] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    // Drawing a QR code takes the main thread for a while: wait until typing pauses, so keystrokes and their
    // results are never held up by a code for a URL that is about to change again.
    const t = setTimeout(() => {
      try {
        const svg = (renderSvg as (qr: unknown, o: object) => string)(
          (create as (text: string, o: object) => unknown)(value, { errorCorrectionLevel: 'M' }),
          { margin: 1, width: 220 },
        );
        if (live) {
          setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
          setError(null);
        }
      } catch {
        if (live) setError('This URL is too long for a QR code.');
      }
    }, QR_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [value]);
  if (error)
    return (
      <Text size="sm" c="red.8">
        {error}
      </Text>
    );
  return src ? (
    <div className="qr">
      <img src={src} alt={label} width={220} height={220} data-testid="qr" />
    </div>
  ) : null;
}
