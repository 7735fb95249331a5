import { readFileSync } from 'node:fs';
import type { OptionSpec } from './args';
import { CliIo, UsageError } from './io';

/** The secret's sources, shared by every command that needs one. */
export const SECRET_OPTIONS: readonly OptionSpec[] = [
  { flag: 'secret-env', value: '<name>', description: 'read the secret from this environment variable' },
  {
    flag: 'secret-file',
    value: '<path>',
    description: 'read the secret from this file (one final newline is ignored)',
  },
  { flag: 'secret-stdin', description: 'read the secret from standard input (one final newline is ignored)' },
  {
    flag: 'secret',
    value: '<value>',
    description: 'the secret itself (visible to other processes: avoid)',
    hidden: true,
  },
];

export interface SecretOptions {
  secret?: string;
  secretEnv?: string;
  secretFile?: string;
  secretStdin?: boolean;
}

/** Files and pipes almost always end with a newline that is not part of the secret. */
function stripFinalNewline(text: string): string {
  return text.replace(/\r?\n$/, '');
}

/**
 * Reads the secret from exactly one source. `--secret` exists for quick experiments but warns,
 * because other local users can read a process's arguments.
 */
export function readSecret(options: SecretOptions, io: CliIo): string {
  const sources = [
    options.secret !== undefined,
    options.secretEnv !== undefined,
    options.secretFile !== undefined,
    options.secretStdin === true,
  ].filter(Boolean).length;
  if (sources === 0) {
    throw new UsageError(
      'SECRET_REQUIRED',
      'Give the secret with --secret-env NAME, --secret-file PATH or --secret-stdin.',
    );
  }
  if (sources > 1) throw new UsageError('SECRET_SOURCES', 'Give the secret from one source only.');

  let secret: string;
  if (options.secret !== undefined) {
    io.stderr(
      'signet: warning: --secret puts the secret on the command line, where other processes can read it; prefer --secret-env, --secret-file or --secret-stdin.\n',
    );
    secret = options.secret;
  } else if (options.secretEnv !== undefined) {
    const value = io.env[options.secretEnv];
    if (value === undefined)
      throw new UsageError('SECRET_ENV_UNSET', `The environment variable ${options.secretEnv} is not set.`);
    secret = value;
  } else if (options.secretFile !== undefined) {
    try {
      secret = stripFinalNewline(io.readFile(options.secretFile));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? 'unreadable';
      throw new UsageError('SECRET_FILE', `Cannot read the secret file ${options.secretFile} (${code}).`);
    }
  } else {
    secret = stripFinalNewline(io.readStdin());
  }
  if (secret.length === 0) throw new UsageError('SECRET_EMPTY', 'The secret is empty.');
  return secret;
}

/** One final "\n" or "\r\n" removed from a file's bytes, as stripFinalNewline does for text. */
function stripFinalNewlineBytes(bytes: Uint8Array): Uint8Array {
  let end = bytes.length;
  if (end > 0 && bytes[end - 1] === 0x0a) {
    end--;
    if (end > 0 && bytes[end - 1] === 0x0d) end--;
  }
  return bytes.subarray(0, end);
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * An Eber secret: as readSecret, except that `--secret-file` is read as bytes and used as they are (one final
 * newline removed), because PHP's hash_hmac takes the key's bytes whether or not they are UTF-8 text. A file that
 * is not valid UTF-8 gets a warning: decoding it as text would have changed the key. mmob secrets stay text
 * (readSecret). `readBytes` is for tests.
 */
export function readEberSecret(
  options: SecretOptions,
  io: CliIo,
  readBytes: (path: string) => Uint8Array = (path) => readFileSync(path),
): string | Uint8Array {
  if (options.secretFile === undefined) return readSecret(options, io);
  // The checks of the other sources (exactly one, not empty) first, with a stand-in read of the file.
  readSecret(options, { ...io, readFile: () => 'x' });
  let bytes: Uint8Array;
  try {
    bytes = stripFinalNewlineBytes(readBytes(options.secretFile));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new UsageError('SECRET_FILE', `Cannot read the secret file ${options.secretFile} (${code}).`);
  }
  if (bytes.length === 0) throw new UsageError('SECRET_EMPTY', 'The secret is empty.');
  if (!isUtf8(bytes))
    io.stderr(
      `signet: warning: the secret file ${options.secretFile} is not valid UTF-8 text; its bytes are used as the key as they are, as PHP's hash_hmac does.\n`,
    );
  return bytes;
}
