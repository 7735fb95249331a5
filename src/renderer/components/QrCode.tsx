import { Text } from '@mantine/core';
import QRCode from 'qrcode';
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
      QRCode.toDataURL(value, { errorCorrectionLevel: 'M', margin: 1, width: 220 }).then(
        (url) => live && (setSrc(url), setError(null)),
        () => live && setError('This URL is too long for a QR code.'),
      );
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
