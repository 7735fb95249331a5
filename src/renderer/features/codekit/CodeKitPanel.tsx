import { Alert, Button, Group, List, Select, Stack, Tabs, Text, Textarea, TextInput } from '@mantine/core';
import { useDeferredValue, useMemo } from 'react';
import { generateCode } from '../../../core/common/codekit';
import { LINT_NOTE, lintCode, type LintLang, type LintResult } from '../../../core/common/codekit/lint';
import {
  CODE_ROLES,
  DEFAULT_SECRET_ENV,
  type CodeLang,
  type CodeRole,
  type GeneratedCode,
} from '../../../core/common/codekit/types';
import { LIMITS } from '../../../shared/limits';
import { useCopy } from '../../components/CopyValue';
import { tooLongMessage } from '../../lib/input';
import type { KitSource } from './CodeKitSection';
import { useCodeKitStore } from './store';

const LANG_LABELS: Record<CodeLang, string> = {
  node: 'Node.js / TypeScript',
  php: 'PHP',
  python: 'Python',
  java: 'Java',
  csharp: 'C#',
  go: 'Go',
  ruby: 'Ruby',
  shell: 'POSIX sh + openssl (signer only)',
};
const LINT_LANG_LABELS: Record<LintLang | 'auto', string> = {
  auto: 'Detect from the code',
  php: 'PHP',
  js: 'JavaScript / TypeScript',
  python: 'Python',
};
const ROLE_TITLES: Record<CodeRole, string> = { signer: 'Signer', verifier: 'Verifier' };

/** The generated program for one role, or why there is none. */
type Program = { role: CodeRole; code: GeneratedCode } | { role: CodeRole; error: string };

function programs(source: KitSource, lang: CodeLang, secretEnv: string): Program[] {
  return CODE_ROLES.map((role) => {
    try {
      const code =
        source.scheme === 'mmob'
          ? generateCode({ scheme: 'mmob', lang, role, inputs: { ...source.inputs, secretEnv } })
          : generateCode({ scheme: 'eber', lang, role, inputs: { ...source.inputs, secretEnv } });
      return { role, code };
    } catch (e) {
      return { role, error: (e as Error).message };
    }
  });
}

/** The "Mistakes this code avoids" lines of the programs' header comments (the kit's own words), once each. */
function mistakesOf(list: Program[]): string[] {
  const seen = new Set<string>();
  for (const p of list) {
    if (!('code' in p)) continue;
    const lines = p.code.code.split('\n');
    const start = lines.findIndex((l) => /^(\/\/|#) Mistakes this code avoids:$/.test(l));
    if (start < 0) continue;
    for (const l of lines.slice(start + 1)) {
      const m = /^(?:\/\/|#) {1,2}- (.*)$/.exec(l);
      if (!m) break;
      seen.add(m[1]!);
    }
  }
  return [...seen];
}

/** A copy button for a whole program, through main's clipboard (the renderer has no clipboard permission). */
function CopyCode({ label, text }: { label: string; text: string }) {
  const [state, copy] = useCopy(text);
  // Main's clipboard channel takes text up to LIMITS.url; a longer program is selected by hand instead.
  const tooLong = text.length > LIMITS.url;
  return (
    <>
      <Button
        size="compact-sm"
        variant="light"
        data-kit-copy
        disabled={tooLong}
        title={tooLong ? 'Too long for the clipboard channel: select the code and copy it' : undefined}
        aria-label={`Copy the ${label}`}
        style={{ flexShrink: 0 }}
        onClick={() => void copy()}
      >
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Not copied' : 'Copy'}
      </Button>
      <span className="visually-hidden" role="status">
        {state === 'copied' ? `The ${label} copied` : state === 'failed' ? `Could not copy the ${label}` : ''}
      </span>
    </>
  );
}

function ProgramView({ program, langLabel }: { program: Program; langLabel: string }) {
  const title = ROLE_TITLES[program.role];
  if ('error' in program)
    return (
      <Stack gap={4}>
        <Text fw={600} size="sm">
          {title}
        </Text>
        <Text size="sm" c="dimmed" data-testid={`kit-${program.role}-none`}>
          {program.error}
        </Text>
      </Stack>
    );
  const { code } = program;
  const label = `${program.role} (${langLabel})`;
  return (
    <Stack gap={4}>
      <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-end">
        <div style={{ minWidth: 0 }}>
          <Text fw={600} size="sm">
            {title} · <code>{code.filename}</code>
          </Text>
          <Text size="xs" c="dimmed" className="mono-wrap">
            Run: {code.run}
          </Text>
        </div>
        <CopyCode label={label} text={code.code} />
      </Group>
      {/* Scrolls both ways rather than wrapping: code keeps its lines (a wrapped line reads as two). */}
      <pre
        className="code-block"
        tabIndex={0}
        role="region"
        aria-label={`${title} code, ${langLabel}`}
        data-testid={`kit-${program.role}`}
      >
        {code.code}
      </pre>
    </Stack>
  );
}

function KitTab({ source }: { source: KitSource }) {
  const lang = useCodeKitStore((s) => s.lang);
  const envField = useCodeKitStore((s) => s.secretEnv[source.scheme]);
  const set = useCodeKitStore((s) => s.set);
  const setSecretEnv = useCodeKitStore((s) => s.setSecretEnv);
  const secretEnv = envField.trim() || DEFAULT_SECRET_ENV[source.scheme];
  const list = useMemo(() => programs(source, lang, secretEnv), [source, lang, secretEnv]);
  // An error about the inputs (not about the shell having no verifier) belongs to the whole kit.
  const inputError = list.every((p) => 'error' in p) ? (list[0] as { error: string }).error : null;
  const envError = inputError && /environment variable/.test(inputError) ? inputError : undefined;
  const mistakes = mistakesOf(list);
  return (
    <Stack gap="sm" pt="sm">
      <div className="pair">
        <Select
          label="Language"
          description="Type to filter"
          searchable
          allowDeselect={false}
          // In the panel's own landmark (not a portal), and tall enough for every language without a scrollbar.
          comboboxProps={{ withinPortal: false }}
          maxDropdownHeight={400}
          data={(Object.keys(LANG_LABELS) as CodeLang[]).map((value) => ({ value, label: LANG_LABELS[value] }))}
          value={lang}
          onChange={(v) => v && set({ lang: v as CodeLang })}
        />
        <TextInput
          label="Secret environment variable"
          description="The programs read the secret from it; never embedded"
          placeholder={DEFAULT_SECRET_ENV[source.scheme]}
          value={envField}
          onChange={(e) => setSecretEnv(source.scheme, e.currentTarget.value)}
          error={envError}
        />
      </div>
      {source.note && (
        <Text size="sm" c="dimmed" data-testid="kit-note">
          {source.note}
        </Text>
      )}
      {inputError && !envError ? (
        <Alert color="yellow" title="No code for these inputs yet" data-testid="kit-error">
          {inputError}
        </Alert>
      ) : (
        !inputError && (
          <>
            {mistakes.length > 0 && (
              <div>
                <Text fw={600} size="sm">
                  Mistakes this code avoids
                </Text>
                <List size="sm" spacing={2} data-testid="kit-mistakes">
                  {mistakes.map((m) => (
                    <List.Item key={m}>{m}</List.Item>
                  ))}
                </List>
              </div>
            )}
            {list.map((p) => (
              <ProgramView key={p.role} program={p} langLabel={LANG_LABELS[lang]} />
            ))}
          </>
        )
      )}
    </Stack>
  );
}

function Warnings({ result }: { result: LintResult }) {
  if (result.warnings.length === 0)
    return (
      <Text size="sm" data-testid="lint-clean">
        No known mistake found (which does not prove the code right).
      </Text>
    );
  return (
    <Stack gap="xs" component="ul" className="lint-list" data-testid="lint-warnings" aria-label="Lint warnings">
      {result.warnings.map((w) => (
        <li key={`${w.rule}:${w.line}`} className="lint-item">
          <Group gap="xs" wrap="wrap">
            <Text size="sm" fw={700} component="code">
              {w.rule}
            </Text>
            <Text size="sm">line {w.line}</Text>
          </Group>
          <Text size="sm">{w.message}</Text>
          <Text size="sm" c="dimmed">
            Would cause <code>{w.causes}</code>; Signet's hint <code>{w.hint}</code>
            {w.hintExists ? '' : ' (proposed: not yet a Signet hint)'}
          </Text>
          {w.excerpt && <pre className="code-line">{w.excerpt}</pre>}
        </li>
      ))}
    </Stack>
  );
}

function LintTab({ scheme }: { scheme: KitSource['scheme'] }) {
  const text = useCodeKitStore((s) => s.lintText);
  const lintLang = useCodeKitStore((s) => s.lintLang);
  const set = useCodeKitStore((s) => s.set);
  const deferred = useDeferredValue(text);
  const tooLong = text.length > LIMITS.code;
  const result = useMemo(
    () =>
      deferred.trim() && deferred.length <= LIMITS.code
        ? lintCode(deferred, { scheme, ...(lintLang === 'auto' ? {} : { lang: lintLang }) })
        : null,
    [deferred, lintLang, scheme],
  );
  return (
    <Stack gap="sm" pt="sm">
      <Alert color="blue" title="Lint — pattern-based, not a proof" data-testid="lint-note">
        {LINT_NOTE}
      </Alert>
      <Select
        label="Language of the code"
        allowDeselect={false}
        comboboxProps={{ withinPortal: false }}
        data={(Object.keys(LINT_LANG_LABELS) as (LintLang | 'auto')[]).map((value) => ({
          value,
          label: LINT_LANG_LABELS[value],
        }))}
        value={lintLang}
        onChange={(v) => v && set({ lintLang: v as LintLang | 'auto' })}
      />
      <Textarea
        label="Your signing or verifying code"
        description={`PHP, JavaScript/TypeScript or Python, checked as ${scheme} code (the scheme of this screen). It stays in this window.`}
        autosize
        minRows={6}
        maxRows={18}
        spellCheck={false}
        value={text}
        onChange={(e) => set({ lintText: e.currentTarget.value })}
        error={tooLong ? tooLongMessage('The code', LIMITS.code, text.length) : undefined}
        styles={{ input: { fontFamily: 'monospace', fontSize: 'var(--mantine-font-size-xs)' } }}
      />
      {result && (
        <Stack gap="xs" aria-live="polite">
          <Text size="sm" data-testid="lint-summary">
            Read as {LINT_LANG_LABELS[result.lang]}
            {lintLang === 'auto' ? ' (detected)' : ''}: {result.warnings.length}{' '}
            {result.warnings.length === 1 ? 'warning' : 'warnings'}.
          </Text>
          <Warnings result={result} />
        </Stack>
      )}
    </Stack>
  );
}

/**
 * The code kit for the open screen's inputs, and "Check my code". Why the lint lives here as a second tab
 * rather than as a screen of its own: it is read against the same scheme as the kit beside it (the scheme of
 * this screen, so its scheme rules apply without a guess), and it is found where someone looks at the code they
 * should have written.
 */
export function CodeKitPanel({ source }: { source: KitSource }) {
  const tab = useCodeKitStore((s) => s.tab);
  const set = useCodeKitStore((s) => s.set);
  return (
    <Tabs value={tab} onChange={(v) => v && set({ tab: v as 'kit' | 'lint' })} mt="sm" keepMounted={false}>
      <Tabs.List>
        <Tabs.Tab value="kit">Signer and verifier</Tabs.Tab>
        <Tabs.Tab value="lint">Check my code</Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="kit">
        <KitTab source={source} />
      </Tabs.Panel>
      <Tabs.Panel value="lint">
        <LintTab scheme={source.scheme} />
      </Tabs.Panel>
    </Tabs>
  );
}
