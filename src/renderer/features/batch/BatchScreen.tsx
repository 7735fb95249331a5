import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Progress,
  Select,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
} from '@mantine/core';
import { useRef, useState, type DragEvent } from 'react';
import { BATCH_FORMATS, type BatchFormat, type BatchScheme } from '../../../core/common/batch/formats';
import { formatBytes, formatDuration } from '../../../core/common/format';
import { DEFAULT_TOLERANCE_SECONDS, DROPPABLE_EXTENSIONS, MAX_TOLERANCE_SECONDS } from '../../../core/common/product';
import { IntegerInput } from '../../components/IntegerInput';
import { TimeZoneSelect } from '../../components/TimeZoneSelect';
import { SecretSource } from '../../components/SecretSource';
import { FailureTable } from './FailureTable';
import { useBatchStore } from './store';

/** What each format looks like for each scheme; which formats a scheme takes, and in what order, is BATCH_FORMATS's. */
const FORMAT_LABELS: Record<BatchScheme, Partial<Record<BatchFormat, string>>> = {
  mmob: {
    jsonl: 'JSONL: {signature, cpId, cpDeploymentId, email?, now?}',
    csv: 'CSV with a header row',
  },
  eber: {
    lines: 'One login URL per line',
    jsonl: 'JSONL: {url, now?}',
    csv: 'CSV with a url column',
  },
};

function Stat({ label, value, testId }: { label: string; value: string | number; testId?: string }) {
  return (
    <Card withBorder padding="xs">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} data-testid={testId}>
        {value}
      </Text>
    </Card>
  );
}

const carriesFiles = (e: DragEvent) => e.dataTransfer.types.includes('Files');

/** Drag-and-drop onto the batch form: highlight while a file is over it, hand the drop to the store. */
function useFileDrop(onFiles: (files: File[]) => void) {
  const [over, setOver] = useState(false);
  // dragenter/dragleave fire for every child crossed; count them so the highlight does not flicker.
  const depth = useRef(0);
  return {
    over,
    handlers: {
      onDragEnter: (e: DragEvent) => {
        if (!carriesFiles(e)) return;
        depth.current++;
        setOver(true);
      },
      onDragOver: (e: DragEvent) => {
        if (!carriesFiles(e)) return;
        e.preventDefault(); // allows the drop
        e.dataTransfer.dropEffect = 'copy';
      },
      onDragLeave: (e: DragEvent) => {
        if (!carriesFiles(e)) return;
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setOver(false);
      },
      onDrop: (e: DragEvent) => {
        if (!carriesFiles(e)) return;
        e.preventDefault();
        depth.current = 0;
        setOver(false);
        onFiles([...e.dataTransfer.files]);
      },
    },
  };
}

export function BatchScreen() {
  // One selector per value shown, so the screen does not re-render when failure pages load (FailureTable's).
  const form = useBatchStore((s) => s.form);
  const file = useBatchStore((s) => s.file);
  const job = useBatchStore((s) => s.job);
  const error = useBatchStore((s) => s.error);
  const note = useBatchStore((s) => s.note);
  const filter = useBatchStore((s) => s.filter);
  const total = useBatchStore((s) => s.total);
  // Actions never change: read once, no subscription.
  const { setForm, pickFile, takeDroppedFiles, start, cancel, setFilter, exportCsv } = useBatchStore.getState();
  const drop = useFileDrop((files) => void takeDroppedFiles(files));
  const running = job?.state === 'running';
  const percent = job && job.totalBytes ? Math.min(100, (job.bytesDone / job.totalBytes) * 100) : 0;
  const byCode = job
    ? Object.entries({ ...job.counts.codes, ...job.counts.hints, ...job.counts.errors }).sort((a, b) => b[1] - a[1])
    : [];
  return (
    <Stack gap="md">
      <Card
        withBorder
        {...drop.handlers}
        data-testid="batch-drop-zone"
        data-over={drop.over || undefined}
        style={
          drop.over
            ? {
                outline: '2px dashed var(--mantine-color-blue-6)',
                outlineOffset: -6,
                background: 'var(--mantine-color-blue-light)',
              }
            : undefined
        }
      >
        <Stack gap="sm">
          <Text size="sm">
            Verify a whole captured log at once: every record gets exactly the verdict, codes and hints of the single
            verifier. Large files are spread over all cores in Signet's main process, so this window stays responsive.
          </Text>
          <Group align="flex-end" grow>
            <div>
              <Text size="sm" fw={500} mb={4}>
                Scheme
              </Text>
              <SegmentedControl
                aria-label="Scheme"
                value={form.scheme}
                onChange={(v) => setForm({ scheme: v as BatchScheme, format: BATCH_FORMATS[v as BatchScheme][0]! })}
                data={[
                  { value: 'mmob', label: 'mmob signatures' },
                  { value: 'eber', label: 'Eber login URLs' },
                ]}
              />
            </div>
            <Select
              label="Format"
              data={BATCH_FORMATS[form.scheme].map((f) => ({ value: f, label: FORMAT_LABELS[form.scheme][f] ?? f }))}
              value={form.format}
              onChange={(v) => v && setForm({ format: v as BatchFormat })}
              allowDeselect={false}
            />
          </Group>
          <SecretSource kind={form.scheme} value={form.secret} onChange={(secret) => setForm({ secret })} />
          {form.scheme === 'mmob' ? (
            <IntegerInput
              label="Tolerance (seconds)"
              description={`Default ${DEFAULT_TOLERANCE_SECONDS}`}
              min={0}
              max={MAX_TOLERANCE_SECONDS}
              value={form.tolerance}
              onChange={(tolerance) => setForm({ tolerance })}
            />
          ) : (
            <TimeZoneSelect value={form.timezone} onChange={(zone) => setForm({ timezone: zone })} />
          )}
          <Group>
            <Button variant="default" onClick={() => void pickFile()} disabled={running}>
              Choose file…
            </Button>
            <Text size="sm" data-testid="batch-file" fw={drop.over ? 600 : undefined}>
              {drop.over
                ? 'Drop the file to verify it'
                : file
                  ? `${file.name}${file.size !== null ? ` (${formatBytes(file.size)})` : ''}`
                  : `No file chosen — or drop a log file (${DROPPABLE_EXTENSIONS.join(', ')}) anywhere on this card`}
            </Text>
          </Group>
          <Group>
            <Button onClick={() => void start()} disabled={!file || running}>
              Verify all
            </Button>
            {running && (
              <Button color="red" variant="light" onClick={() => void cancel()}>
                Cancel
              </Button>
            )}
          </Group>
        </Stack>
      </Card>
      {error && (
        <Alert color="red" role="alert" title="Batch problem">
          {error}
        </Alert>
      )}
      {!job && !error && (
        <Card withBorder padding="lg">
          <Text fw={600}>No batch yet</Text>
          <Text size="sm" c="dimmed">
            Choose the scheme and the secret, then a log file (JSONL, CSV, or one URL per line; choose it or drop it on
            the card above) and press Verify all.
          </Text>
        </Card>
      )}
      {job && (
        <Card withBorder>
          <Stack gap="sm" aria-live="polite">
            <Group justify="space-between">
              <Text fw={600}>{job.fileName}</Text>
              <Badge
                data-testid="batch-state"
                color={job.state === 'done' ? 'teal' : job.state === 'running' ? 'blue' : 'red'}
              >
                {job.state}
              </Badge>
            </Group>
            <Progress value={job.state === 'done' ? 100 : percent} aria-label="Batch progress" animated={running} />
            <SimpleGrid cols={{ base: 2, md: 5 }}>
              <Stat label="Records" value={job.counts.records.toLocaleString()} testId="batch-records" />
              <Stat label="Valid" value={job.counts.valid.toLocaleString()} testId="batch-valid" />
              <Stat label="Invalid" value={job.counts.invalid.toLocaleString()} testId="batch-invalid" />
              <Stat label="Malformed lines" value={job.counts.malformed.toLocaleString()} testId="batch-malformed" />
              <Stat
                label="Speed"
                value={
                  job.recordsPerSecond
                    ? `${job.recordsPerSecond.toLocaleString()} /s`
                    : job.elapsedMs !== null
                      ? formatDuration(job.elapsedMs / 1000)
                      : '…'
                }
              />
            </SimpleGrid>
            {job.error && <Text c="red.8">{job.error}</Text>}
            {job.failuresTruncated && (
              <Text size="sm">
                The table keeps the first {job.failuresKept.toLocaleString()} failures; the counts cover every record.
              </Text>
            )}
            <Group align="flex-end">
              <Select
                label="Show failures with"
                placeholder={`All failures (${(job.counts.invalid + job.counts.malformed).toLocaleString()})`}
                clearable
                data={byCode.map(([code, n]) => ({ value: code, label: `${code} (${n.toLocaleString()})` }))}
                value={filter}
                onChange={setFilter}
                w={360}
              />
              <Button variant="default" onClick={() => void exportCsv()} disabled={running || total === 0}>
                Export failures as CSV
              </Button>
            </Group>
            {note && (
              <Text size="sm" role="status">
                {note}
              </Text>
            )}
            <FailureTable />
          </Stack>
        </Card>
      )}
    </Stack>
  );
}
