// Archives read member by member: zip (written by the test helper), tar and tar.gz (node-tar), a `.gz` that
// holds a tar, archives inside archives; members named `<archive>!<path>`, folders and hidden entries
// skipped, and corrupt or truncated archives reported while the members before the damage are still read.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { c as createTar, Header, type HeaderData } from 'tar';
import { readArchive } from '../../src/sources/archive-members.ts';
import { decodeText, decodeTextOrArchive } from '../../src/sources/decompress.ts';
import { readInputBytes } from '../../src/sources/input-bytes.ts';
import type { Reject } from '../../src/sources/log-file.ts';
import { zipArchive } from '../helpers/zip-writer.ts';
import { fixtureFolder, writeFixture } from './fixture-folder.ts';

const MEMBER = 'AWSLogs/111122223333/CloudTrail/us-west-2/2024/01/01/111122223333_CloudTrail_us-west-2_x.json';

/** Reads `file` as an archive, as ingest does, and lists what it handed over. */
async function members(file: string) {
  const input = readInputBytes(file);
  assert.ok('archive' in input, `${file} is not detected as an archive`);
  const read: [string, string][] = [];
  const rejects: Reject[] = [];
  await readArchive(file, input.archive, {
    member: (name, bytes) => {
      read.push([name, bytes.toString('utf8')]);
      return undefined;
    },
    reject: (reject) => rejects.push(reject),
  });
  return { kind: input.archive, read, rejects };
}

async function tarOf(folder: string, name: string, files: Record<string, string>, gzip: boolean): Promise<string> {
  const source = join(folder, `${name}-content`);
  for (const [path, content] of Object.entries(files)) await writeFixture(source, path, content);
  const file = join(folder, name);
  await createTar({ file, cwd: source, gzip, portable: true }, Object.keys(files));
  return file;
}

test('a zip is read member by member, named inside it; folders, __MACOSX and hidden entries are skipped', async () => {
  const folder = await fixtureFolder();
  const zip = zipArchive([
    { name: 'AWSLogs/' },
    { name: MEMBER, content: '{"Records":[]}' },
    { name: '__MACOSX/AWSLogs/._x.json', content: 'apple double' },
    { name: 'AWSLogs/.DS_Store', content: 'finder' },
    { name: 'notes/readme.txt', content: 'hello' },
  ]);
  const file = await writeFixture(folder, 'bundle.bin', zip);
  const { kind, read, rejects } = await members(file);
  assert.equal(kind, 'zip');
  assert.deepEqual(read, [
    [`${file}!${MEMBER}`, '{"Records":[]}'],
    [`${file}!notes/readme.txt`, 'hello'],
  ]);
  assert.deepEqual(rejects, []);
});

test('tar, tar.gz and a .gz holding a tar are told by their bytes and read in order', async () => {
  const folder = await fixtureFolder();
  const files = { [MEMBER]: 'one', 'b/two.log': 'two' };
  const tar = await tarOf(folder, 'plain.tar', files, false);
  const tgz = await tarOf(folder, 'bundle.tgz', files, true);
  const gz = join(folder, 'bundle.gz');
  writeFileSync(gz, gzipSync(readFileSync(tar)));
  for (const [file, kind] of [
    [tar, 'tar'],
    [tgz, 'tar.gz'],
    [gz, 'tar.gz'],
  ] as const) {
    const read = await members(file);
    assert.equal(read.kind, kind, file);
    assert.deepEqual(read.read, [
      [`${file}!${MEMBER}`, 'one'],
      [`${file}!b/two.log`, 'two'],
    ]);
    assert.deepEqual(read.rejects, []);
  }
});

test("read with 'defer', a small gzip is not inflated; gunzipping it whole names the archive it holds", async () => {
  const folder = await fixtureFolder();
  const tar = await tarOf(folder, 'plain.tar', { [MEMBER]: randomBytes(4000).toString('hex') }, false);
  const gz = join(folder, 'bundle.gz');
  writeFileSync(gz, gzipSync(readFileSync(tar)));
  const cut = join(folder, 'cut.gz');
  writeFileSync(cut, readFileSync(gz).subarray(0, 1000));
  const log = await writeFixture(folder, 'x.json.gz', '{"Records":[]}', { gzip: true });
  for (const [file, named] of [
    [gz, { archive: 'tar.gz' }],
    // Too truncated to gunzip whole: its head still says tar, as `readInputBytes` would have told.
    [cut, { archive: 'tar.gz' }],
    [log, { text: '{"Records":[]}', invalidUtf8: 0 }],
  ] as const) {
    const input = readInputBytes(file, 'defer');
    assert.ok('bytes' in input, file);
    assert.deepEqual(decodeTextOrArchive(input.bytes), named, file);
  }
  assert.deepEqual(decodeText(readFileSync(cut)), { reason: 'truncated gzip: unexpected end of file' });
  assert.deepEqual(readInputBytes(tar, 'defer'), { archive: 'tar' }, 'a tar as it is is told at once');
});

test('a plain gzip of one log is not an archive', async () => {
  const file = await writeFixture(await fixtureFolder(), 'x.json.gz', '{"Records":[]}', { gzip: true });
  assert.ok('bytes' in readInputBytes(file));
});

test('archives inside archives are read, their members named through every level', async () => {
  const folder = await fixtureFolder();
  const inner = await tarOf(folder, 'inner.tgz', { [MEMBER]: 'deep' }, true);
  const zip = zipArchive([
    { name: 'inner.tgz', content: readFileSync(inner) },
    { name: 'innermost.zip', content: zipArchive([{ name: 'x.json', content: 'zip in zip' }]) },
  ]);
  const file = await writeFixture(folder, 'outer.zip', zip);
  const { read } = await members(file);
  assert.deepEqual(read, [
    [`${file}!inner.tgz!${MEMBER}`, 'deep'],
    [`${file}!innermost.zip!x.json`, 'zip in zip'],
  ]);
});

test('a truncated tar.gz: the members before the cut are read, the reject names the member cut', async () => {
  const folder = await fixtureFolder();
  const big = 'x'.repeat(200_000);
  const whole = readFileSync(await tarOf(folder, 'whole.tgz', { 'a.json': 'first', 'b.json': big }, true));
  const file = await writeFixture(folder, 'cut.tgz', whole.subarray(0, whole.length - 200));
  const { read, rejects } = await members(file);
  assert.deepEqual(read, [[`${file}!a.json`, 'first']]);
  assert.equal(rejects.length, 1);
  assert.equal(rejects[0]?.file, `${file}!b.json`);
  assert.match(rejects[0]?.reason ?? '', /^corrupt or truncated tar archive: /);
});

test('a truncated zip cannot be opened and is rejected by its name, with the reason', async () => {
  const zip = zipArchive([{ name: 'a.json', content: 'first' }]);
  const file = await writeFixture(await fixtureFolder(), 'cut.zip', zip.subarray(0, zip.length - 10));
  const { read, rejects } = await members(file);
  assert.deepEqual(read, []);
  assert.deepEqual(
    rejects.map(({ file: name, record }) => [name, record]),
    [[file, null]],
  );
  assert.match(rejects[0]?.reason ?? '', /^not a readable zip archive: End of central directory record signature/);
});

test('a zip member whose data is corrupt is rejected by name; the members after it are read', async () => {
  const zip = zipArchive([
    { name: 'bad.json', content: 'a'.repeat(1000) },
    { name: 'good.json', content: 'fine' },
  ]);
  zip.fill(0xff, 38, 44); // inside bad.json's deflated data, after its 30-byte header and 8-byte name
  const file = await writeFixture(await fixtureFolder(), 'damaged.zip', zip);
  const { read, rejects } = await members(file);
  assert.deepEqual(read, [[`${file}!good.json`, 'fine']]);
  assert.equal(rejects[0]?.file, `${file}!bad.json`);
  assert.match(rejects[0]?.reason ?? '', /^corrupt zip member: /);
});

test('a gzipped zip is read like the zip; an archive with nothing to read is rejected, not passed over', async () => {
  const folder = await fixtureFolder();
  const zip = zipArchive([{ name: MEMBER, content: '{"Records":[]}' }]);
  const gzipped = await writeFixture(folder, 'bundle.zip.gz', gzipSync(zip));
  const read = await members(gzipped);
  assert.equal(read.kind, 'zip.gz');
  assert.deepEqual([read.read, read.rejects], [[[`${gzipped}!${MEMBER}`, '{"Records":[]}']], []]);

  const reason = 'the archive holds no files to read (folders, hidden files and __MACOSX are skipped)';
  const empty = await writeFixture(folder, 'empty.zip', zipArchive([]));
  const onlyClutter = await writeFixture(
    folder,
    'clutter.zip',
    zipArchive([{ name: 'AWSLogs/' }, { name: '__MACOSX/._x', content: 'apple double' }]),
  );
  for (const file of [empty, onlyClutter]) {
    const result = await members(file);
    assert.deepEqual([result.read, result.rejects], [[], [{ file, record: null, reason }]]);
  }
});

/** A tar written block by block, so that it can hold what node-tar would not pack: `../`, links, devices. */
function rawTar(
  entries: readonly { path: string; type: HeaderData['type']; content?: string; linkpath?: string }[],
): Buffer {
  const blocks: Buffer[] = [];
  for (const { path, type, content = '', linkpath } of entries) {
    const body = Buffer.from(content);
    const header = new Header({ path, type, size: body.length, mode: 0o644, linkpath, mtime: new Date(0) });
    header.encode();
    blocks.push(header.block as Buffer, body, Buffer.alloc((512 - (body.length % 512)) % 512));
  }
  return Buffer.concat([...blocks, Buffer.alloc(1024)]);
}

const REFUSED = /^archive member refused: .*; the archive's other members are read$/;

test('tar members out of the archive, links and devices are refused one by one; the good ones are read', async () => {
  const tar = rawTar([
    { path: 'good/a.json', type: 'File', content: 'one' },
    { path: '../../etc/cron.d/x', type: 'File', content: 'escape' },
    { path: '/etc/passwd', type: 'File', content: 'absolute' },
    { path: 'link.json', type: 'SymbolicLink', linkpath: '/etc/shadow' },
    { path: 'hard.json', type: 'Link', linkpath: 'good/a.json' },
    { path: 'dev', type: 'CharacterDevice' },
    { path: 'pipe', type: 'FIFO' },
    { path: 'good/b.json', type: 'File', content: 'two' },
  ]);
  for (const [name, bytes] of [
    ['hostile.tar', tar],
    ['hostile.tgz', gzipSync(tar)],
  ] as const) {
    const file = await writeFixture(await fixtureFolder(), name, bytes);
    const { read, rejects } = await members(file);
    assert.deepEqual(read, [
      [`${file}!good/a.json`, 'one'],
      [`${file}!good/b.json`, 'two'],
    ]);
    assert.deepEqual(
      rejects.map((reject) => reject.file),
      ['etc/cron.d/x', 'etc/passwd', 'link.json', 'hard.json', 'dev', 'pipe'].map((inside) => `${file}!${inside}`),
    );
    for (const reject of rejects) assert.match(reject.reason, REFUSED);
    assert.match(rejects[0]?.reason ?? '', /a path out of the archive \(\.\.\/\.\.\/etc\/cron\.d\/x\)/);
    assert.match(rejects[1]?.reason ?? '', /an absolute path \(\/etc\/passwd\)/);
    assert.match(rejects[2]?.reason ?? '', /a link, not a file/);
    assert.match(rejects[4]?.reason ?? '', /a device or FIFO, not a file/);
  }
});

test('a zip with one member out of the archive or a link is read but for that member', async () => {
  const zip = zipArchive([
    { name: 'good/a.json', content: 'one' },
    { name: '../escape.json', content: 'escape' },
    { name: 'C:/Windows/x.json', content: 'absolute' },
    { name: 'link.json', content: '/etc/shadow', unixMode: 0o120777 },
    { name: 'good/b.json', content: 'two', unixMode: 0o100644 },
  ]);
  const file = await writeFixture(await fixtureFolder(), 'hostile.zip', zip);
  const { read, rejects } = await members(file);
  assert.deepEqual(read, [
    [`${file}!good/a.json`, 'one'],
    [`${file}!good/b.json`, 'two'],
  ]);
  assert.deepEqual(
    rejects.map((reject) => [reject.file, reject.reason.replace(/^archive member refused: |;.*$/g, '')]),
    [
      [`${file}!escape.json`, 'a path out of the archive (../escape.json)'],
      [`${file}!C:/Windows/x.json`, 'an absolute path (C:/Windows/x.json)'],
      [`${file}!link.json`, 'a link, not a file'],
    ],
  );
});
