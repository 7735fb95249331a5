import { Group, Kbd, Modal, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useMemo, useState } from 'react';
import type { Command } from './commands';

/**
 * The command palette (Ctrl/Cmd+K): every screen (from the registry) and action, filtered as you type; arrows
 * move, Enter runs, Escape closes. A combobox over a listbox, so screen readers follow the active option.
 */
export function Palette({ opened, onClose, commands }: { opened: boolean; onClose: () => void; commands: Command[] }) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const shown = useMemo(() => {
    const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
    return commands.filter((c) => words.every((w) => c.label.toLowerCase().includes(w)));
  }, [commands, query]);
  const at = Math.min(active, Math.max(0, shown.length - 1));
  const run = (c: Command | undefined) => {
    if (!c) return;
    onClose();
    setQuery('');
    setActive(0);
    // After the modal has given focus back, so a command that moves focus keeps it.
    setTimeout(c.run, 0);
  };
  return (
    // Modal.Root with a plain <div> header: Mantine's default <header> would be a second banner landmark.
    <Modal.Root opened={opened} onClose={onClose} size="lg" data-testid="palette">
      <Modal.Overlay />
      <Modal.Content aria-label="Command palette">
        <Group justify="space-between" p="md" pb={0}>
          <Modal.Title>Command palette</Modal.Title>
          <Modal.CloseButton aria-label="Close the command palette" />
        </Group>
        <Modal.Body pt="md">
          <TextInput
            data-autofocus
            label="Command or screen"
            placeholder="Type to filter — e.g. verify, history, copy"
            role="combobox"
            aria-expanded="true"
            aria-controls="palette-options"
            aria-autocomplete="list"
            aria-activedescendant={shown[at] ? `palette-${shown[at].id}` : undefined}
            value={query}
            onChange={(e) => {
              setQuery(e.currentTarget.value);
              setActive(0);
            }}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown') {
                e.preventDefault();
                setActive((at + 1) % Math.max(1, shown.length));
              } else if (e.key === 'ArrowUp') {
                e.preventDefault();
                setActive((at - 1 + shown.length) % Math.max(1, shown.length));
              } else if (e.key === 'Enter') {
                e.preventDefault();
                run(shown[at]);
              }
            }}
          />
          <div id="palette-options" role="listbox" aria-label="Commands" style={{ marginTop: 8 }}>
            {shown.map((c, i) => (
              <UnstyledButton
                key={c.id}
                id={`palette-${c.id}`}
                role="option"
                aria-selected={i === at}
                tabIndex={-1}
                className="palette-option"
                data-active={i === at || undefined}
                onMouseEnter={() => setActive(i)}
                onClick={() => run(c)}
              >
                <span>{c.label}</span>
                {c.shortcut && <Kbd size="xs">{c.shortcut}</Kbd>}
              </UnstyledButton>
            ))}
            {shown.length === 0 && (
              <Text size="sm" role="option" aria-selected="false" aria-disabled="true">
                No command matches.
              </Text>
            )}
          </div>
        </Modal.Body>
      </Modal.Content>
    </Modal.Root>
  );
}
