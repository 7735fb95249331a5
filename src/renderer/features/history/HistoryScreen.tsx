import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { HISTORY_LIMIT } from '../../../core/common/product';
import { HISTORY_KINDS } from '../../../shared/history-kinds';
import { call, messageOf } from '../../api';
import { useStrongColor } from '../../components/useStrongColor';
import { caseOf } from './cases';
import { INTENT_LABELS, matches, OPERATIONS, resultLabel } from './labels';
import { useHistoryEntries, useHistoryStore } from './store';

/**
 * A filter's clear button as a real button: named, and reachable with Tab (Mantine hides it from assistive
 * technology and the keyboard, and a searchable select cannot be emptied by deleting its text).
 */
const clearButton = (label: string) => ({ 'aria-label': label, 'aria-hidden': false, tabIndex: 0 });
/**
 * The filters' widths: each grows from a basis wide enough for its longest value with the clear and open
 * buttons ("Invalid / error", "Eber · Verify URL"), and the row wraps rather than cut a chosen value short
 * (at 1024 px the five shared one row and the Verdict filter read "Invalid ,").
 */
const SEARCH_FLEX = '2 1 14rem';
const FILTER_FLEX = '1 1 11rem';

export function HistoryScreen() {
  const entries = useHistoryEntries();
  const { load, askClear, restore, pin, setFilter, importCase } = useHistoryStore.getState();
  const error = useHistoryStore((s) => s.error);
  const filter = useHistoryStore((s) => s.filter);
  const strong = useStrongColor();
  const [said, setSaid] = useState<string | null>(null);
  const [pasted, setPasted] = useState('');
  const [importError, setImportError] = useState<string | null>(null);
  useEffect(() => void load(), [load]);
  const shown = useMemo(
    () => entries.filter((e) => matches(e, filter)).sort((a, b) => Number(!!b.pinned) - Number(!!a.pinned)),
    [entries, filter],
  );
  const profiles = useMemo(() => [...new Set(entries.map((e) => e.secretSource))].sort(), [entries]);
  const copyCase = async (e: (typeof entries)[number]) => {
    try {
      await call('clipboard:copy', { text: caseOf(e) });
      setSaid('Case copied as JSON (inputs and verdict, no secret). Paste it into History → Import a case.');
    } catch (err) {
      setSaid(messageOf(err));
    }
  };
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text size="sm">
          One entry per act — copied, opened, submitted, or inputs left still — the last {HISTORY_LIMIT} plus any you
          pin, newest first. Secrets are never recorded.
        </Text>
        <Button variant="default" size="xs" disabled={entries.length === 0} onClick={askClear}>
          Clear history
        </Button>
      </Group>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      <Group align="flex-end" gap="sm" role="search" aria-label="Filter history">
        <TextInput
          label="Search"
          placeholder="email, summary, code…"
          value={filter.text}
          onChange={(e) => setFilter({ text: e.currentTarget.value })}
          style={{ flex: SEARCH_FLEX }}
        />
        <Select
          label="Scheme"
          placeholder="Any"
          clearable
          clearButtonProps={clearButton('Clear the scheme filter')}
          searchable
          comboboxProps={{ withinPortal: false }}
          data={['mmob', 'Eber']}
          value={filter.scheme}
          onChange={(v) => setFilter({ scheme: v })}
          style={{ flex: FILTER_FLEX }}
        />
        <Select
          label="Operation"
          placeholder="Any"
          clearable
          clearButtonProps={clearButton('Clear the operation filter')}
          searchable
          comboboxProps={{ withinPortal: false }}
          data={HISTORY_KINDS.map((k) => ({ value: k, label: OPERATIONS[k].label }))}
          value={filter.kind}
          onChange={(v) => setFilter({ kind: v })}
          style={{ flex: FILTER_FLEX }}
        />
        <Select
          label="Secret from"
          placeholder="Any"
          clearable
          clearButtonProps={clearButton('Clear the secret filter')}
          searchable
          comboboxProps={{ withinPortal: false }}
          data={profiles}
          value={filter.profile}
          onChange={(v) => setFilter({ profile: v })}
          style={{ flex: FILTER_FLEX }}
        />
        <Select
          label="Verdict"
          placeholder="Any"
          clearable
          clearButtonProps={clearButton('Clear the verdict filter')}
          searchable
          comboboxProps={{ withinPortal: false }}
          data={[
            { value: 'ok', label: 'Valid / made' },
            { value: 'failed', label: 'Invalid / error' },
          ]}
          value={filter.verdict}
          onChange={(v) => setFilter({ verdict: v as 'ok' | 'failed' | null })}
          style={{ flex: FILTER_FLEX }}
        />
      </Group>
      {said && (
        <Text size="sm" role="status">
          {said}
        </Text>
      )}
      {entries.length === 0 ? (
        <Card withBorder padding="lg" data-testid="history-empty">
          <Text fw={600}>No history yet</Text>
          <Text size="sm">
            Copy, open or verify a result (or leave the inputs still for a moment) and it is listed here, without its
            secret.
          </Text>
        </Card>
      ) : shown.length === 0 ? (
        <Text size="sm" data-testid="history-none-match">
          No entry matches these filters.
        </Text>
      ) : (
        <Table striped highlightOnHover withTableBorder aria-label="History" data-testid="history-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When</Table.Th>
              <Table.Th>Operation</Table.Th>
              <Table.Th>Result</Table.Th>
              <Table.Th>Secret</Table.Th>
              <Table.Th>
                <span className="visually-hidden">Actions</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((e) => {
              const at = new Date(e.at);
              const when = at.toLocaleString();
              const op = OPERATIONS[e.kind];
              return (
                <Table.Tr key={e.id} data-pinned={e.pinned ? 'true' : undefined}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {/* Date and time on two lines: a narrow window leaves the width to the result. */}
                    <Text size="sm">
                      <time dateTime={e.at}>
                        {at.toLocaleDateString()}
                        <br />
                        {at.toLocaleTimeString()}
                      </time>
                    </Text>
                    {e.intent && (
                      <Text size="xs" c="dimmed">
                        {INTENT_LABELS[e.intent]}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {op.label}
                    </Text>
                    <Text size="xs" c="dimmed" ff="monospace">
                      {e.kind}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap" align="flex-start">
                      <Badge
                        color={strong(e.ok ? 'teal' : 'red')}
                        variant="outline"
                        size="sm"
                        style={{ flexShrink: 0 }}
                      >
                        {resultLabel(e)}
                      </Badge>
                      <Text size="sm" style={{ wordBreak: 'break-word' }}>
                        {e.summary}
                      </Text>
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{e.secretSource}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Button
                        size="xs"
                        variant="light"
                        onClick={() => restore(e)}
                        aria-label={`Restore ${e.kind} from ${when}`}
                      >
                        Restore
                      </Button>
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() => void copyCase(e)}
                        aria-label={`Export ${op.label} from ${when} as a case`}
                      >
                        Export
                      </Button>
                      <ActionIcon
                        variant={e.pinned ? 'filled' : 'default'}
                        size="md"
                        aria-pressed={!!e.pinned}
                        aria-label={`${e.pinned ? 'Unpin' : 'Pin'} ${op.label} from ${when}`}
                        onClick={() => void pin(e, !e.pinned)}
                      >
                        <span aria-hidden="true">{e.pinned ? '★' : '☆'}</span>
                      </ActionIcon>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      <Card withBorder padding="md">
        <Stack gap="xs">
          <Text fw={600} id="import-case-title">
            Import a case
          </Text>
          <Textarea
            label="Case JSON (from Export in another Signet)"
            autosize
            minRows={2}
            maxRows={8}
            value={pasted}
            onChange={(e) => setPasted(e.currentTarget.value)}
            error={importError}
            styles={{ input: { fontFamily: 'monospace' } }}
          />
          <Group>
            <Button
              size="xs"
              disabled={!pasted.trim()}
              onClick={() => {
                const err = importCase(pasted);
                setImportError(err);
                if (!err) setPasted('');
              }}
            >
              Open case
            </Button>
          </Group>
        </Stack>
      </Card>
    </Stack>
  );
}
