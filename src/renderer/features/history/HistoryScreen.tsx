import { Alert, Badge, Button, Card, Group, Stack, Table, Text } from '@mantine/core';
import { useEffect } from 'react';
import { HISTORY_LIMIT } from '../../../core/common/product';
import { useStrongColor } from '../../components/useStrongColor';
import { useHistoryEntries, useHistoryStore } from './store';

export function HistoryScreen() {
  const entries = useHistoryEntries();
  const { load, clear, restore } = useHistoryStore.getState();
  const error = useHistoryStore((s) => s.error);
  const strong = useStrongColor();
  useEffect(() => void load(), [load]);
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text size="sm">
          The last {HISTORY_LIMIT} operations, newest first. Secrets are never recorded. Choose Restore to re-open an
          entry's inputs.
        </Text>
        <Button variant="default" size="xs" disabled={entries.length === 0} onClick={() => void clear()}>
          Clear history
        </Button>
      </Group>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      {entries.length === 0 ? (
        <Card withBorder padding="lg" data-testid="history-empty">
          <Text fw={600}>No history yet</Text>
          <Text size="sm" c="dimmed">
            Every sign, verify, hash and URL you make is listed here, without its secret.
          </Text>
        </Card>
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
            {entries.map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{new Date(e.at).toLocaleString()}</Table.Td>
                <Table.Td>
                  <Badge variant="light">{e.kind}</Badge>
                </Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Badge color={strong(e.ok ? 'teal' : 'red')} variant="outline" size="sm">
                      {e.ok ? 'ok' : 'failed'}
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
                  <Button
                    size="xs"
                    variant="light"
                    onClick={() => restore(e)}
                    aria-label={`Restore ${e.kind} from ${new Date(e.at).toLocaleString()}`}
                  >
                    Restore
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
