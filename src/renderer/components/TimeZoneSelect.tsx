import { Select } from '@mantine/core';

/** Every IANA time zone this runtime knows. */
const TIME_ZONES: readonly string[] = Intl.supportedValuesOf('timeZone');

/** A searchable IANA time-zone picker (the business zone that Eber expiries are written and read in). */
export function TimeZoneSelect({
  value,
  onChange,
  label = 'Business time zone',
  description,
  error,
}: {
  value: string;
  onChange: (zone: string) => void;
  label?: string;
  description?: string;
  error?: string | undefined;
}) {
  return (
    <Select
      label={label}
      description={description}
      error={error}
      searchable
      data={TIME_ZONES}
      value={value}
      onChange={(v) => v && onChange(v)}
      allowDeselect={false}
    />
  );
}
