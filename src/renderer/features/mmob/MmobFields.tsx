import { TextInput } from '@mantine/core';

export interface MmobFieldValues {
  cpId: string;
  cpDeploymentId: string;
  email: string;
}

/** The three signed fields besides timestamp and nonce, as the sign and verify forms both ask for them. */
export function MmobFields({
  value,
  onChange,
  emailDescription,
  errorAt,
}: {
  value: MmobFieldValues;
  onChange: (patch: Partial<MmobFieldValues>) => void;
  emailDescription?: string;
  /** The message to show at a field, if any (see placeError). */
  errorAt: (field: keyof MmobFieldValues) => string | undefined;
}) {
  return (
    <>
      <TextInput
        label="cpId"
        required
        value={value.cpId}
        onChange={(e) => onChange({ cpId: e.currentTarget.value })}
        error={errorAt('cpId')}
      />
      <TextInput
        label="cpDeploymentId"
        required
        value={value.cpDeploymentId}
        onChange={(e) => onChange({ cpDeploymentId: e.currentTarget.value })}
        error={errorAt('cpDeploymentId')}
      />
      <TextInput
        label="Email"
        description={emailDescription}
        value={value.email}
        onChange={(e) => onChange({ email: e.currentTarget.value })}
        error={errorAt('email')}
      />
    </>
  );
}
