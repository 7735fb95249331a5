import { Alert, Button, Card, Group, Image, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import icon from '../../../../resources/icons/128x128.png';
import { useAboutStore } from './store';

/** The app, its runtimes and where it keeps its data; "Copy diagnostics" for a bug report. */
export function AboutScreen() {
  const { info, error, copied, load, copyDiagnostics } = useAboutStore();
  useEffect(() => void load(), [load]);
  const rows: [string, string][] = info
    ? [
        ['Version', info.version],
        ['Electron', info.versions.electron ?? 'not running in Electron'],
        ['Chromium', info.versions.chrome ?? 'not running in Electron'],
        ['Node', info.versions.node],
        ['Platform', info.platform],
        ['Keyring backend', info.keyringBackend],
        ['Data folder', info.dataDirectory],
      ]
    : [];
  return (
    <Card withBorder maw={720} padding="lg">
      <Stack gap="md">
        <Group gap="md" wrap="nowrap">
          <Image src={icon} alt="Signet icon" w={96} h={96} fit="contain" />
          <div>
            <Title order={3}>
              {info?.name ?? 'Signet'} {info?.version}
            </Title>
            <Text size="sm" c="dimmed">
              Sign, verify and explain mmob Secure Identity and Eber HMAC login signatures.
            </Text>
          </div>
        </Group>
        {error && (
          <Alert color="red" title="Cannot read the app's details" role="alert">
            {error}
          </Alert>
        )}
        {info && (
          <Table withTableBorder aria-label="About this app" data-testid="about-table">
            <Table.Tbody>
              {rows.map(([k, v]) => (
                <Table.Tr key={k}>
                  <Table.Th w={170}>{k}</Table.Th>
                  <Table.Td className="mono-wrap">{v}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Group gap="sm">
          <Button onClick={() => void copyDiagnostics()} disabled={!info}>
            Copy diagnostics
          </Button>
          {copied && (
            <Text size="sm" role="status">
              {copied}
            </Text>
          )}
        </Group>
        <Text size="xs" c="dimmed">
          Diagnostics hold the versions, platform and keyring backend only: no secrets, no profile names, no folder
          paths.
        </Text>
      </Stack>
    </Card>
  );
}
