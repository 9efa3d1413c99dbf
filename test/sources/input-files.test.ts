import assert from 'node:assert/strict';
import { mkdir, symlink } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { listInputFiles } from '../../src/sources/input-files.ts';
import { fixtureFolder, writeFixture } from './fixture-folder.ts';

async function exampleTree(): Promise<string> {
  const root = await fixtureFolder();
  for (const name of [
    'AWSLogs/111122223333/CloudTrail/us-east-1/2023/07/10/b.json.gz',
    'AWSLogs/111122223333/CloudTrail/us-east-1/2023/07/10/a.json.gz',
    'AWSLogs/111122223333/CloudTrail/us-east-1/2023/07/09/z.json.gz',
    'findings.jsonl',
    'LICENSE',
    '.DS_Store',
    '.git/objects/ab/cdef',
    'AWSLogs/.hidden-folder/x.json',
    'AWSLogs/111122223333/.partial.json',
  ]) {
    await writeFixture(root, name, '{}');
  }
  await mkdir(join(root, 'empty-folder'));
  return root;
}

test('lists the files of nested folders, sorted, skipping hidden files and folders', async () => {
  const root = await exampleTree();
  const { files, missing } = await listInputFiles([root]);
  assert.deepEqual(
    files.map((file) => relative(root, file)),
    [
      'AWSLogs/111122223333/CloudTrail/us-east-1/2023/07/09/z.json.gz',
      'AWSLogs/111122223333/CloudTrail/us-east-1/2023/07/10/a.json.gz',
      'AWSLogs/111122223333/CloudTrail/us-east-1/2023/07/10/b.json.gz',
      'LICENSE', // not filtered by name: the reader rejects it with a reason
      'findings.jsonl',
    ],
  );
  assert.deepEqual(missing, []);
});

test('gives absolute paths, each once, however often and however it is named', async () => {
  const root = await exampleTree();
  const file = join(root, 'findings.jsonl');
  const { files } = await listInputFiles([file, root, `${root}/AWSLogs/../findings.jsonl`, relative('.', file)]);
  assert.equal(files.filter((listed) => listed === file).length, 1);
  assert.equal(files.length, 5);
  assert.ok(files.every((listed) => listed.startsWith('/')));
});

test('reports paths that do not exist as given, and still lists the others', async () => {
  const root = await exampleTree();
  const { files, missing } = await listInputFiles([`${root}/nope.json`, join(root, 'findings.jsonl'), 'no/such/dir']);
  assert.deepEqual(files, [join(root, 'findings.jsonl')]);
  assert.deepEqual(missing, [`${root}/nope.json`, 'no/such/dir']);
});

test('reads a hidden file or folder when it is named explicitly', async () => {
  const root = await exampleTree();
  const { files } = await listInputFiles([join(root, '.DS_Store'), join(root, 'AWSLogs/.hidden-folder')]);
  assert.deepEqual(
    files.map((file) => relative(root, file)),
    ['.DS_Store', 'AWSLogs/.hidden-folder/x.json'],
  );
});

test('follows symbolic links, walks a folder linked into itself once, reports a dangling link', async () => {
  const root = await exampleTree();
  await symlink(root, join(root, 'AWSLogs/loop'));
  await symlink(join(root, 'findings.jsonl'), join(root, 'linked.jsonl'));
  await symlink(join(root, 'gone.json'), join(root, 'dangling.json'));
  const { files, missing } = await listInputFiles([root]);
  assert.deepEqual(
    files.map((file) => relative(root, file)).filter((file) => !file.startsWith('AWSLogs/111122223333')),
    ['LICENSE', 'findings.jsonl', 'linked.jsonl'],
  );
  assert.deepEqual(missing, [join(root, 'dangling.json')]);
});

test('an empty list gives no files', async () => {
  assert.deepEqual(await listInputFiles([]), { files: [], missing: [], special: [] });
});
