import { Badge, Button, Code, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { ApiError, call } from '../../api';
import { Workbench } from '../../components/Workbench';
import { PACK_FORMATS, type PackFormat } from '../../../core/common/packs/format';
import type { PackSummary } from '../../../shared/contract';
import { useProfiles } from '../profiles/store';

const FORMAT_LABELS: Record<PackFormat, string> = {
  jsonl: 'JSONL',
  csv: 'CSV',
  md: 'Markdown checklist',
  html: 'HTML page (QR codes)',
};

/**
 * QA test packs from a saved profile: the valid case, one case per known mistake, time cases and a replay,
 * each with the verdict Signet expects. The secret stays in main; saving writes the pack main holds.
 */
export function PackScreen() {
  const profiles = useProfiles();
  const [profileId, setProfileId] = useState<string | null>(null);
  const [identifier, setIdentifier] = useState('');
  const [pack, setPack] = useState<PackSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const profile = profiles.find((p) => p.id === profileId);

  const generate = async () => {
    if (!profileId) return;
    setError(null);
    setSaved(null);
    try {
      setPack(await call('pack:generate', { profileId, ...(identifier ? { identifier } : {}) }));
    } catch (e) {
      setPack(null);
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  const save = async (format: PackFormat) => {
    try {
      const r = await call('pack:save', { format });
      setSaved(r.path);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };

  return (
    <Workbench
      formSpan={4}
      error={error}
      errorTitle="Cannot make the pack"
      empty={
        pack
          ? null
          : {
              title: 'Make a test pack for QA',
              testId: 'pack-empty',
              text: (
                <>
                  Pick a profile: Signet signs the valid case, one case per mistake it can name, time cases and a
                  replayed nonce, each with the verdict to expect. Save it as JSONL or CSV for verify-batch, a Markdown
                  checklist, or an HTML page with links, QR codes and countdowns for phones.
                </>
              ),
            }
      }
      form={
        <Stack gap="sm">
          <Select
            label="Profile"
            placeholder="Pick a profile"
            data={profiles.map((p) => ({ value: p.id, label: `${p.name} (${p.kind === 'mmob' ? 'mmob' : 'Eber'})` }))}
            value={profileId}
            onChange={setProfileId}
            allowDeselect={false}
          />
          <TextInput
            label={profile?.kind === 'eber' ? 'Member identifier' : 'Email (default: the profile’s)'}
            description={profile?.kind === 'eber' ? 'Of the profile’s identifier type, e.g. an email.' : undefined}
            value={identifier}
            onChange={(e) => setIdentifier(e.currentTarget.value)}
          />
          <Button onClick={() => void generate()} disabled={!profileId}>
            Generate pack
          </Button>
        </Stack>
      }
    >
      {pack ? (
        <Stack gap="sm" data-testid="pack-result">
          <Group gap="xs">
            {PACK_FORMATS.map((f) => (
              <Button key={f} variant="light" size="xs" onClick={() => void save(f)}>
                Save {FORMAT_LABELS[f]}
              </Button>
            ))}
          </Group>
          {saved ? <Text size="sm">Saved to {saved}</Text> : null}
          <Text size="sm" c="dimmed">
            {pack.cases.length} cases, generated {pack.generatedAt}
            {pack.skipped.length > 0
              ? `; not possible here: ${pack.skipped.map((s) => `${s.id} (${s.reason})`).join('; ')}`
              : ''}
          </Text>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Case</Table.Th>
                <Table.Th>Expect</Table.Th>
                <Table.Th>Value</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {pack.cases.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Text fw={600} size="sm">
                      {c.id}
                    </Text>
                    <Text size="xs">{c.description}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={c.valid ? 'green' : 'red'} variant="light">
                      {c.valid ? 'valid' : 'invalid'}
                    </Badge>
                    <Text size="xs">{c.expected}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Code block style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
                      {c.value}
                    </Code>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      ) : null}
    </Workbench>
  );
}
