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
}: {
  value: MmobFieldValues;
  onChange: (patch: Partial<MmobFieldValues>) => void;
  emailDescription?: string;
}) {
  return (
    <>
      <TextInput label="cpId" required value={value.cpId} onChange={(e) => onChange({ cpId: e.currentTarget.value })} />
      <TextInput
        label="cpDeploymentId"
        required
        value={value.cpDeploymentId}
        onChange={(e) => onChange({ cpDeploymentId: e.currentTarget.value })}
      />
      <TextInput
        label="Email"
        description={emailDescription}
        value={value.email}
        onChange={(e) => onChange({ email: e.currentTarget.value })}
      />
    </>
  );
}
