import { Text } from '@mantine/core';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

/** A QR code of a URL, rendered to a data: image (the CSP allows img-src data:). */
export function QrCode({ value, label }: { value: string; label: string }) {
  const [src, setSrc] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(value, { errorCorrectionLevel: 'M', margin: 1, width: 220 }).then(
      (url) => live && (setSrc(url), setError(null)),
      () => live && setError('This URL is too long for a QR code.'),
    );
    return () => {
      live = false;
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
