import { Select, type ComboboxItem } from '@mantine/core';
import { memo } from 'react';
import { useStableHandler } from './stable';
import { LOCAL_ZONE, offsetLabel, timeZones, zoneMatches } from './timeZones';

interface Props {
  value: string;
  onChange: (zone: string) => void;
  label?: string;
  description?: string;
  error?: string | undefined;
}

/**
 * A searchable time-zone picker (the business zone that Eber expiries are written and read in): UTC and the
 * Etc/GMT offsets, the machine's own zone, every IANA zone; searched by name, city or offset ("+08",
 * "UTC-5"). Each option shows its offset now; its name (what is selected and announced) is the zone id.
 * Its hundreds of options are rendered only when one of its own props changes, not on every keystroke of
 * the screen around it (the Eber screens' keystroke latency).
 */
/** Its hundreds of options leave the page while the list is closed (Mantine keeps them, hidden, by default). */
const UNMOUNT_WHEN_CLOSED = { keepMounted: false } as const;

export function TimeZoneSelect(props: Props) {
  return <ZoneSelect {...props} onChange={useStableHandler(props.onChange)} />;
}

const ZoneSelect = memo(function ZoneSelect({
  value,
  onChange,
  label = 'Business time zone',
  description,
  error,
}: Props) {
  const zones = timeZones();
  const data = zones.includes(value) || !value ? zones : [value, ...zones];
  return (
    <Select
      label={label}
      description={description ?? `Search by city or offset, e.g. "Singapore" or "+08". This computer: ${LOCAL_ZONE}`}
      error={error}
      searchable
      data={data}
      value={value}
      onChange={(v) => v && onChange(v)}
      allowDeselect={false}
      nothingFoundMessage="No zone matches: try a city (Kuala Lumpur) or an offset (+08, UTC-5)"
      limit={500}
      comboboxProps={UNMOUNT_WHEN_CLOSED}
      filter={({ options, search }) =>
        (options as ComboboxItem[]).filter((o) => zoneMatches(o.value, search === value ? '' : search))
      }
      renderOption={({ option }) => (
        <span style={{ display: 'flex', width: '100%', justifyContent: 'space-between', gap: 8 }}>
          <span>{option.value}</span>
          <span aria-hidden="true" style={{ opacity: 0.75, fontSize: '0.85em', whiteSpace: 'nowrap' }}>
            {offsetLabel(option.value)}
            {option.value === LOCAL_ZONE ? ' · this computer' : ''}
          </span>
        </span>
      )}
    />
  );
});
