import { execFileSync } from 'node:child_process';
import { mkdirSync, realpathSync, renameSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { settled } from '../../testing/batch';
import { makeServices } from '../../testing/main-services';
import { admitBatchFile, forbiddenPath } from '../batch-jobs';

const SECRET = 'c2VjcmV0LXNlY3JldC1zZWNyZXQ=';
const start = (path: string) => ({ path, scheme: 'mmob', format: 'jsonl', secret: SECRET });

describe('which files a batch may read', () => {
  it('a dropped log file becomes usable; before the drop the same path is refused', async () => {
    const s = await makeServices();
    const path = join(s.dir, 'captured.jsonl');
    writeFileSync(path, '{"signature":"1:abc:n","cpId":"a","cpDeploymentId":"b"}\n');

    expect(await s.call('batch:start', start(path))).toMatchObject({ ok: false, error: { code: 'BATCH_FILE' } });
    expect(await s.call('batch:useDroppedFile', { path })).toEqual({
      ok: true,
      data: { path, name: 'captured.jsonl', size: 56 },
    });
    const started = await s.call('batch:start', start(path));
    expect(started).toMatchObject({ ok: true, data: { fileName: 'captured.jsonl' } });
  });

  it.each([
    ['an item with no path on disk', () => '', /no file path/],
    ['a relative path', () => 'captured.jsonl', /no file path/],
    ['a file that is not a log', () => '/etc/passwd', /"passwd" is not a log file .*Choose file/],
    ['a key file', (dir: string) => join(dir, 'id_ed25519'), /is not a log file/],
    ['a folder named like a log', (dir: string) => join(dir, 'folder.log'), /"folder.log" is not a readable file/],
    ['a log file that does not exist', (dir: string) => join(dir, 'gone.jsonl'), /"gone.jsonl" is not a readable file/],
  ])('a drop of %s is refused with a clear message, and the path stays unusable', async (_what, pathIn, message) => {
    const s = await makeServices();
    mkdirSync(join(s.dir, 'folder.log'));
    writeFileSync(join(s.dir, 'id_ed25519'), 'PRIVATE KEY');
    const path = pathIn(s.dir);
    const r = await s.call('batch:useDroppedFile', { path });
    expect(r).toMatchObject({ ok: false, error: { code: 'BATCH_FILE', message: expect.stringMatching(message) } });
    if (path !== '') {
      expect(await s.call('batch:start', start(path))).toMatchObject({ ok: false, error: { code: 'BATCH_FILE' } });
    }
  });
});

describe('batch file admission is confined (audit item 4)', () => {
  const CANARY = 'CANARY-line-text-5b7e';

  it('a dropped .log that is a symbolic link (to a key file, to /proc/self/environ) is refused', async () => {
    const s = await makeServices();
    writeFileSync(join(s.dir, 'id_ed25519'), `PRIVATE KEY ${CANARY}`);
    symlinkSync(join(s.dir, 'id_ed25519'), join(s.dir, 'notes.log'));
    symlinkSync('/proc/self/environ', join(s.dir, 'env.log'));
    for (const name of ['notes.log', 'env.log']) {
      const r = await s.call('batch:useDroppedFile', { path: join(s.dir, name) });
      expect(r).toMatchObject({
        ok: false,
        error: { code: 'BATCH_FILE', message: expect.stringMatching(/is a link/) },
      });
      expect(await s.call('batch:start', start(join(s.dir, name)))).toMatchObject({
        ok: false,
        error: { code: 'BATCH_FILE' },
      });
    }
  });

  it('refuses /proc, /sys, /dev, device names, network shares, FIFOs, and links to them on the way', async () => {
    const s = await makeServices();
    for (const path of ['/proc/self/environ', '/proc/self/cmdline', '/sys/kernel/notes', '/dev/zero', '/dev/stdin']) {
      expect(() => admitBatchFile(path)).toThrow(/under \/proc, \/sys and \/dev/);
    }
    expect(forbiddenPath('\\\\server\\share\\x.log')).toMatch(/network shares/);
    expect(forbiddenPath('//server/share/x.log')).toMatch(/network shares/);
    expect(forbiddenPath('\\\\?\\C:\\x.log')).toMatch(/device paths/);
    expect(forbiddenPath('\\\\.\\PhysicalDrive0')).toMatch(/device paths/);
    expect(forbiddenPath('C:\\logs\\NUL.log')).toMatch(/device/);
    expect(forbiddenPath('/home/u/com1.txt')).toMatch(/device/);
    expect(forbiddenPath('/home/u/console.log')).toBeNull();
    // A folder on the way that links into /dev or /proc.
    symlinkSync('/dev', join(s.dir, 'devices'));
    symlinkSync('/proc/self', join(s.dir, 'me'));
    expect(() => admitBatchFile(join(s.dir, 'devices', 'null'))).toThrow(/under \/proc/);
    expect(() => admitBatchFile(join(s.dir, 'me', 'environ'))).toThrow(/under \/proc/);
    // A FIFO named like a log: refused without blocking (opened non-blocking, fstat says not a regular file).
    const fifo = join(s.dir, 'pipe.log');
    execFileSync('mkfifo', [fifo]);
    const r = await s.call('batch:useDroppedFile', { path: fifo });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'BATCH_FILE', message: expect.stringMatching(/not a regular file/) },
    });
  });

  it('rechecks the file on start: one swapped in after the drop is refused', async () => {
    const s = await makeServices();
    const path = join(s.dir, 'captured.jsonl');
    writeFileSync(path, '{"signature":"1:abc:n","cpId":"a","cpDeploymentId":"b"}\n');
    expect(await s.call('batch:useDroppedFile', { path })).toMatchObject({ ok: true });
    writeFileSync(join(s.dir, 'other'), `${CANARY}\n`);
    renameSync(join(s.dir, 'other'), path);
    expect(await s.call('batch:start', start(path))).toMatchObject({
      ok: false,
      error: { code: 'BATCH_FILE', message: expect.stringMatching(/replaced by another file/) },
    });
    // Swapped for a link after the drop: refused too.
    const path2 = join(s.dir, 'second.jsonl');
    writeFileSync(path2, '{}\n');
    expect(await s.call('batch:useDroppedFile', { path: path2 })).toMatchObject({ ok: true });
    unlinkSync(path2);
    symlinkSync(join(s.dir, 'captured.jsonl'), path2);
    expect(await s.call('batch:start', start(path2))).toMatchObject({ ok: false, error: { code: 'BATCH_FILE' } });
  });

  it('failure rows never carry text of the lines: line numbers, codes, hints and code meanings only', async () => {
    const s = await makeServices();
    const path = join(s.dir, 'captured.jsonl');
    const lines = [
      `{"signature":"${CANARY}`, // not JSON: the engine's message quotes the line
      `["${CANARY}"]`, // JSON, not an object
      `{"signature":"1:${CANARY}!!:n","cpId":"a","cpDeploymentId":"b"}`, // malformed MAC, quoted by the verifier
      `{"signature":42,"cpId":"${CANARY}","cpDeploymentId":"b"}`,
      `{"signature":"1:abc:n","cpId":"a","cpDeploymentId":"b","now":"${CANARY}"}`,
    ];
    writeFileSync(path, `${lines.join('\n')}\n`);
    await s.call('batch:useDroppedFile', { path });
    const started = await s.call('batch:start', start(path));
    expect(started.ok).toBe(true);
    const id = (started as { data: { id: string } }).data.id;
    const done = await settled(s.batch, id);
    expect(done.counts.records).toBe(5);
    const page = await s.call('batch:failures', { jobId: id, offset: 0, limit: 100 });
    expect(page).toMatchObject({ ok: true, data: { total: 5 } });
    expect(JSON.stringify(page)).not.toContain(CANARY);
    expect(JSON.stringify(page)).not.toContain('CANARY');
    const rows = (page as { data: { rows: { line: number; codes: string[]; summary: string }[] } }).data.rows;
    expect(rows.map((r) => [r.line, r.codes[0]])).toEqual([
      [1, 'JSON_INVALID'],
      [2, 'JSON_NOT_OBJECT'],
      [3, 'SIGNATURE_MALFORMED'],
      [4, 'FIELD_TYPE'],
      [5, 'NOW_INVALID'],
    ]);
    expect(rows[0]!.summary).toBe('The line is not valid JSON.');
  });

  it('one batch job at a time: starting one cancels and forgets the last', async () => {
    const s = await makeServices();
    const path = join(s.dir, 'big.jsonl');
    writeFileSync(
      path,
      `${JSON.stringify({ signature: '1:abc:n', cpId: 'c', cpDeploymentId: 'd' })}\n`.repeat(100_000),
    );
    await s.call('batch:useDroppedFile', { path });
    const first = (await s.call('batch:start', start(path))) as { ok: true; data: { id: string } };
    const second = (await s.call('batch:start', start(path))) as { ok: true; data: { id: string } };
    expect(await s.call('batch:status', { jobId: first.data.id })).toMatchObject({
      ok: false,
      error: { code: 'BATCH_NOT_FOUND' },
    });
    expect((await settled(s.batch, second.data.id)).state).toBe('done');
    await s.dispose();
    expect(await s.call('batch:status', { jobId: second.data.id })).toMatchObject({
      ok: false,
      error: { code: 'BATCH_NOT_FOUND' },
    });
  });

  it('a file chosen in the dialog that is a link is taken as the file it points to, still confined', async () => {
    let chosen: string | null = null;
    const s = await makeServices({ openFile: () => chosen });
    writeFileSync(join(s.dir, 'real.jsonl'), '{}\n');
    symlinkSync(join(s.dir, 'real.jsonl'), join(s.dir, 'alias.jsonl'));
    symlinkSync('/proc/self/environ', join(s.dir, 'env.jsonl'));
    chosen = join(s.dir, 'alias.jsonl');
    expect(await s.call('batch:pickFile', {})).toEqual({
      ok: true,
      data: { path: join(realpathSync(s.dir), 'real.jsonl'), name: 'real.jsonl', size: 3 },
    });
    chosen = join(s.dir, 'env.jsonl');
    expect(await s.call('batch:pickFile', {})).toMatchObject({
      ok: false,
      error: { code: 'BATCH_FILE', message: expect.stringMatching(/under \/proc/) },
    });
  });
});
