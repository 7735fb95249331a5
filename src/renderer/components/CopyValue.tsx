import { Button, Group, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { call } from '../api';
import { Tokens } from './Tokens';

/**
 * Copies text through main's clipboard; the state says "copied" or "failed" for a moment, then "idle" again.
 * `credential` (a login URL, signature or hash): main writes it concealed and clears it on quit if it is
 * still on the clipboard.
 */
export function useCopy(text: string, credential = false): ['idle' | 'copied' | 'failed', () => Promise<void>] {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const t = setTimeout(() => setState('idle'), 1500);
    return () => clearTimeout(t);
  }, [state]);
  const copy = () =>
    call('clipboard:copy', { text, credential }).then(
      () => setState('copied'),
      () => setState('failed'),
    );
  return [state, copy];
}

/**
 * A read-only value with a copy button (signatures, hashes, URLs — never secrets). Copying goes through
 * main's clipboard: the renderer has no clipboard permission. The button itself says "Copied" (or "Not
 * copied") for a moment, announced to screen readers. A value is a credential (cleared on quit if still
 * copied) unless said otherwise: a login URL, a signature or a snippet carrying one can log someone in.
 */
export function CopyValue({
  label,
  value,
  testId,
  credential = true,
}: {
  label: string;
  value: string;
  testId?: string;
  credential?: boolean;
}) {
  const [state, copy] = useCopy(value, credential);
  return (
    <div>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <Text className="mono-wrap" size="sm" data-testid={testId} style={{ flex: 1, minWidth: 0 }}>
          <Tokens value={value} />
        </Text>
        <Button
          size="compact-sm"
          variant="light"
          onClick={() => void copy()}
          aria-label={`Copy ${label.toLowerCase()}`}
          style={{ flexShrink: 0 }}
        >
          {state === 'copied' ? 'Copied' : state === 'failed' ? 'Not copied' : 'Copy'}
        </Button>
        <span className="visually-hidden" role="status">
          {state === 'copied' ? `${label} copied` : state === 'failed' ? `Could not copy ${label.toLowerCase()}` : ''}
        </span>
      </Group>
    </div>
  );
}
