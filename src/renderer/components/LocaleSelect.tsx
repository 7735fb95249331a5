import { Select } from '@mantine/core';
import { memo } from 'react';
import { EBER_LOCALES } from '../../core/common/eber/constants';
import { useStableHandler } from './stable';

/** Eber's login page languages, as the pickers offer them ("en — English"). */
export const LOCALE_OPTIONS = Object.entries(EBER_LOCALES).map(([value, label]) => ({
  value,
  label: `${value} — ${label}`,
}));

/** Its options leave the page while the list is closed (Mantine keeps them, hidden, by default). */
const UNMOUNT_WHEN_CLOSED = { keepMounted: false } as const;

interface Props {
  label: string;
  placeholder?: string;
  value: string | null;
  onChange: (locale: string | null) => void;
  error?: string | undefined;
}

/**
 * The hmac_locale picker, re-rendered only when its own props change (not on every keystroke of the screen
 * around it; see TimeZoneSelect).
 */
export function LocaleSelect(props: Props) {
  return <Locales {...props} onChange={useStableHandler(props.onChange)} />;
}

const Locales = memo(function Locales({ label, placeholder, value, onChange, error }: Props) {
  return (
    <Select
      label={label}
      placeholder={placeholder}
      clearable
      comboboxProps={UNMOUNT_WHEN_CLOSED}
      data={LOCALE_OPTIONS}
      value={value}
      onChange={onChange}
      error={error}
    />
  );
});
