import { Badge, Group, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { PAGE_SIZE, useBatchStore } from './store';

const ROW_HEIGHT = 36;

/**
 * The failures of a batch, virtualized: only the rows in view are in the DOM, and rows are fetched from
 * main a page at a time as they scroll into view, so 100 000+ failures stay smooth.
 */
export function FailureTable() {
  const total = useBatchStore((s) => s.total);
  const pages = useBatchStore((s) => s.pages);
  const ensurePage = useBatchStore((s) => s.ensurePage);
  const parent = useRef<HTMLDivElement>(null);
  // The virtualizer returns functions React Compiler cannot memoize; this component is not compiled, and it
  // re-renders on every scroll by design (the rows in view change), so the warning does not apply.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => parent.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();

  useEffect(() => {
    const first = items[0]?.index ?? 0;
    const last = items.at(-1)?.index ?? 0;
    for (let p = Math.floor(first / PAGE_SIZE); p <= Math.floor(last / PAGE_SIZE); p++) ensurePage(p);
  }, [items, ensurePage]);

  return (
    <div>
      <Group
        px="xs"
        py={6}
        gap={0}
        style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
        aria-hidden="true"
      >
        <Text size="sm" fw={700} w={90}>
          Line
        </Text>
        <Text size="sm" fw={700} style={{ flex: 1 }}>
          Codes and likely cause
        </Text>
      </Group>
      <div
        ref={parent}
        // At most this tall; a short list is only as tall as its rows.
        style={{ maxHeight: 420, overflow: 'auto' }}
        role="table"
        aria-label={`Failures: ${total} rows`}
        aria-rowcount={total}
        tabIndex={0}
        data-testid="failure-table"
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }} role="rowgroup">
          {items.map((item) => {
            const row = pages[Math.floor(item.index / PAGE_SIZE)]?.[item.index % PAGE_SIZE];
            return (
              <div
                key={item.key}
                role="row"
                aria-rowindex={item.index + 1}
                data-testid="failure-row"
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  height: ROW_HEIGHT,
                  transform: `translateY(${item.start}px)`,
                  display: 'flex',
                  alignItems: 'center',
                  padding: '0 8px',
                  borderBottom: '1px solid var(--mantine-color-default-border)',
                }}
              >
                {row ? (
                  <>
                    <Text role="cell" size="sm" ff="monospace" w={90}>
                      {row.line}
                    </Text>
                    <Group role="cell" gap={4} wrap="nowrap" style={{ flex: 1, overflow: 'hidden' }}>
                      {row.codes.map((c) => (
                        <Badge key={c} size="sm" variant="outline" color="gray">
                          {c}
                        </Badge>
                      ))}
                      {row.hints.map((h) => (
                        <Badge key={h} size="sm" color="#a33a00">
                          {h}
                        </Badge>
                      ))}
                      <Text size="xs" truncate title={row.summary}>
                        {row.summary}
                      </Text>
                    </Group>
                  </>
                ) : (
                  <Text role="cell" size="sm" c="dimmed">
                    Loading…
                  </Text>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
