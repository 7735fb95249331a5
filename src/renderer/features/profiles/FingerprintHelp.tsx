import { Button, Code, Popover, Stack, Text } from '@mantine/core';

/**
 * How a server-side engineer computes the same fingerprint from the salt and iterations shown (README
 * "Fingerprints"): PBKDF2-HMAC-SHA256 over the secret as entered, 8 bytes, as hex. The commands read the
 * secret from the environment; nothing here ever holds it.
 */
export function FingerprintHelp({
  salt,
  iterations,
  profileName,
}: {
  salt: string;
  iterations: number | null;
  profileName: string;
}) {
  const iter = iterations ?? 600_000;
  return (
    <Popover width={520} position="bottom-start" withArrow shadow="md">
      <Popover.Target>
        <Button
          size="compact-xs"
          variant="subtle"
          px={0}
          aria-label={`How to compute the fingerprint of ${profileName} on a server`}
        >
          How is it computed?
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap={6} data-testid="fingerprint-help">
          <Text size="xs">
            The fingerprint is the first 16 hex characters (8 bytes) of PBKDF2-HMAC-SHA256 over the secret exactly as
            entered (its UTF-8 text; an mmob secret is not base64-decoded first), with this profile's salt (hex) and{' '}
            {iter.toLocaleString('en-US')} iterations. Compare it with a colleague or a server without sharing the key.
          </Text>
          <Text size="xs">
            On the server, with the secret in <Code>SECRET</Code> (see README, “Fingerprints”):
          </Text>
          <Code block fz="xs" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
            {`export SALT=${salt} ITER=${iter}\n` +
              `node -e 'const c=require("crypto"),e=process.env;console.log(c.pbkdf2Sync(e.SECRET,Buffer.from(e.SALT,"hex"),+e.ITER,8,"sha256").toString("hex"))'\n` +
              `php -r 'echo hash_pbkdf2("sha256", getenv("SECRET"), hex2bin(getenv("SALT")), (int) getenv("ITER"), 16), "\\n";'`}
          </Code>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
