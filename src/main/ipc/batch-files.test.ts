import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeServices } from '../../testing/main-services';

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
