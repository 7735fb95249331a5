import { TextInput } from '@mantine/core';
import { useState } from 'react';

/** The whole number a text means, if it is one within min..max. */
function parse(text: string, min: number, max: number): number | null {
  if (!/^\s*\d{1,15}\s*$/.test(text)) return null;
  const n = Number(text);
  return n >= min && n <= max ? n : null;
}

/**
 * A whole-number field (a tolerance, minutes): a plain text input that keeps what is typed, hands on a number
 * only when the text is a whole number within min..max, and says at the field what it expects otherwise.
 * Lighter than Mantine's NumberInput (which brings react-number-format into the bundle).
 */
export function IntegerInput({
  label,
  description,
  value,
  onChange,
  min,
  max,
  error,
}: {
  label: string;
  description?: string;
  value: number;
  onChange: (n: number) => void;
  min: number;
  max: number;
  error?: string | undefined;
}) {
  const [text, setText] = useState(String(value));
  const [seen, setSeen] = useState(value);
  // A value set from outside (a profile, a restore) replaces the text; one this field handed on does not.
  if (value !== seen) {
    setSeen(value);
    if (parse(text, min, max) !== value) setText(String(value));
  }
  const problem =
    parse(text, min, max) === null
      ? `Enter a whole number from ${min.toLocaleString('en')} to ${max.toLocaleString('en')}.`
      : null;
  return (
    <TextInput
      label={label}
      description={description}
      inputMode="numeric"
      value={text}
      onChange={(e) => {
        const t = e.currentTarget.value;
        setText(t);
        const v = parse(t, min, max);
        if (v !== null && v !== value) {
          setSeen(v);
          onChange(v);
        }
      }}
      error={problem ?? error}
    />
  );
}
