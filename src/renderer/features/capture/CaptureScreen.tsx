import {
  Alert,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  Select,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useEffect } from 'react';
import { CopyValue } from '../../components/CopyValue';
import { placeError } from '../../lib/live';
import { useProfiles } from '../profiles/store';
import { useCaptureStore, type ForwardChoice } from './store';

const VERDICT_COLOR = { valid: 'teal', invalid: 'red', malformed: 'orange' } as const;

const timeOf = (iso: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleTimeString(undefined, { hour12: false }) + `.${String(d.getMilliseconds()).padStart(3, '0')}`;
};

/**
 * A loopback receiver for the integrator's own app: point the staging config at it, log in, and every Eber
 * login redirect or mmob boot post is verified as it arrives (with the profiles' secrets, which stay in main).
 */
export function CaptureScreen() {
  const { form, status, entries, busy, error, note, set, start, stop, refresh, exportJsonl, open } = useCaptureStore();
  const profiles = useProfiles();
  useEffect(() => void refresh(), [refresh]);
  const running = status?.running ?? false;
  const { panel, at } = placeError(error, ['port', 'eberProfileId', 'mmobProfileId', 'forward']);
  const options = (kind: 'eber' | 'mmob') =>
    profiles.filter((p) => p.kind === kind).map((p) => ({ value: p.id, label: p.name }));
  const stats = status?.stats;
  const refused = stats ? Object.values(stats.refused).reduce((a, b) => a + b, 0) : 0;
  return (
    <Stack gap="md">
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Card withBorder>
            <Stack gap="sm">
              <Select
                label="Eber profile"
                description="Verifies GET /login/hmac redirects with this profile's secret and time zone"
                placeholder="Not capturing Eber"
                data={options('eber')}
                value={form.eberProfileId}
                onChange={(v) => set({ eberProfileId: v })}
                clearable
                disabled={running}
                error={at('eberProfileId')}
              />
              <Select
                label="mmob profile"
                description="Verifies POST /boot forms with this profile's secret"
                placeholder="Not capturing mmob"
                data={options('mmob')}
                value={form.mmobProfileId}
                onChange={(v) => set({ mmobProfileId: v })}
                clearable
                disabled={running}
                error={at('mmobProfileId')}
              />
              <TextInput
                label="Port"
                description="Empty: any free port on 127.0.0.1"
                placeholder="e.g. 8417"
                inputMode="numeric"
                value={form.port}
                onChange={(e) => set({ port: e.currentTarget.value })}
                disabled={running}
                error={at('port')}
              />
              <div>
                <Text size="sm" fw={500} id="forward-label">
                  Forward Eber logins to the business
                </Text>
                <Text size="xs" c="dimmed" mb={4}>
                  On: the browser is sent on (302) to the Eber profile's base URL with the query byte-identical.
                </Text>
                <SegmentedControl
                  aria-labelledby="forward-label"
                  value={form.forward}
                  onChange={(v) => set({ forward: v as ForwardChoice })}
                  disabled={running}
                  data={[
                    { value: 'never', label: 'Off' },
                    { value: 'valid', label: 'Valid only' },
                    { value: 'always', label: 'Always' },
                  ]}
                />
                {at('forward') && (
                  <Text size="xs" c="var(--mantine-color-error)" mt={4}>
                    {at('forward')}
                  </Text>
                )}
              </div>
              <Group>
                {running ? (
                  <Button color="red" onClick={() => void stop()} loading={busy}>
                    Stop capture
                  </Button>
                ) : (
                  <Button onClick={() => void start()} loading={busy}>
                    Start capture
                  </Button>
                )}
                <Button variant="default" onClick={() => void exportJsonl()} disabled={entries.length === 0}>
                  Export JSONL
                </Button>
              </Group>
              {note && (
                <Text size="sm" role="status">
                  {note}
                </Text>
              )}
            </Stack>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="md" aria-live="polite">
            {panel && (
              <Alert color="red" title="Cannot capture" role="alert">
                {panel}
              </Alert>
            )}
            {status?.running && status.baseUrl ? (
              <Card withBorder data-testid="capture-urls">
                <Stack gap="sm">
                  <Group gap="xs">
                    <Badge color="teal" variant="filled">
                      Listening
                    </Badge>
                    <Text size="sm">on {status.addresses.join(' and ')}</Text>
                  </Group>
                  <Text size="sm">Paste these into your app's staging configuration:</Text>
                  {status.eber && (
                    <CopyValue
                      label="Eber base URL"
                      value={status.baseUrl}
                      testId="capture-base-url"
                      credential={false}
                    />
                  )}
                  {status.mmob && status.marketplaceUrl && (
                    <CopyValue
                      label="mmob marketplace_url"
                      value={status.marketplaceUrl}
                      testId="capture-marketplace-url"
                      credential={false}
                    />
                  )}
                  {status.forwardTo && (
                    <Text size="xs" c="dimmed">
                      Forwarding {status.forward === 'valid' ? 'valid logins' : 'every login'} to {status.forwardTo}.
                    </Text>
                  )}
                </Stack>
              </Card>
            ) : (
              <Card withBorder padding="lg">
                <Text fw={600}>{status?.stoppedAt ? 'Capture stopped' : 'Not capturing'}</Text>
                <Text size="sm" c="dimmed">
                  Choose a profile per scheme and start: Signet listens on 127.0.0.1 only and shows the URL to put in
                  your staging config. Each login your app sends appears below within a moment, with its verdict.
                </Text>
              </Card>
            )}
            {stats && (
              <Text size="sm" data-testid="capture-counts">
                {stats.captured} captured · {stats.valid} valid · {stats.invalid} invalid · {stats.malformed} malformed
                {refused > 0 && ` · ${refused} refused`}
                {stats.dropped > 0 && ` · ${stats.dropped} dropped`}
              </Text>
            )}
          </Stack>
        </Grid.Col>
      </Grid>
      <Card withBorder padding={0}>
        <Table striped highlightOnHover aria-label="Captured logins" data-testid="capture-list">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Time</Table.Th>
              <Table.Th>Scheme</Table.Th>
              <Table.Th>Identifier</Table.Th>
              <Table.Th>Verdict</Table.Th>
              <Table.Th>Hints</Table.Th>
              <Table.Th>
                <span className="visually-hidden">Open</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entries.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={6}>
                  <Text size="sm" c="dimmed">
                    No captures yet.
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
            {[...entries].reverse().map((e) => (
              <Table.Tr key={e.id} data-testid="capture-row">
                <Table.Td>{timeOf(e.at)}</Table.Td>
                <Table.Td>{e.scheme === 'eber' ? 'Eber' : 'mmob'}</Table.Td>
                <Table.Td className="mono-wrap">{e.identifier ?? '—'}</Table.Td>
                <Table.Td>
                  <Badge color={VERDICT_COLOR[e.verdict]} variant="light" title={e.summary}>
                    {e.verdict}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="xs">{[...e.codes, ...e.hints].join(', ') || '—'}</Text>
                  {e.forwardedTo && (
                    <Text size="xs" c="dimmed" data-testid="forwarded">
                      forwarded (302) to {new URL(e.forwardedTo).origin}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Button
                    size="compact-xs"
                    variant="light"
                    onClick={() => open(e)}
                    aria-label={`Open capture ${e.id} (${e.scheme === 'eber' ? 'Eber' : 'mmob'}, ${e.identifier ?? 'no identifier'}) in the verifier`}
                  >
                    Open
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
    </Stack>
  );
}
