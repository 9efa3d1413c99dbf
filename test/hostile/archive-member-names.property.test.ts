// Issue 10, item 9 and proof: whatever name an archive gives a member, it is read under a name inside the
// archive, skipped (folders, hidden files), or refused with a reason; a link or device is never read.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { type MemberKind, memberVerdict } from '../../src/sources/archive-member-path.ts';

const SEGMENTS = ['..', '.', '', 'AWSLogs', 'a.json', '.hidden', '__MACOSX', 'C:', '\\', '..\\..', '/'];
const path = fc.oneof(
  fc.string(),
  fc.array(fc.oneof(fc.constantFrom(...SEGMENTS), fc.string()), { maxLength: 6 }).map((parts) => parts.join('/')),
);
const kind = fc.constantFrom<MemberKind>('file', 'folder', 'link', 'device');

test('every member name is read inside the archive, skipped, or refused with a reason', () => {
  fc.assert(
    fc.property(path, kind, (name, memberKind) => {
      const verdict = memberVerdict(name, memberKind);
      if ('read' in verdict) {
        assert.equal(memberKind, 'file');
        assert.notEqual(verdict.read, '');
        const parts = verdict.read.replace(/\\/g, '/').split('/');
        assert.ok(!parts.includes('..'), verdict.read);
        assert.ok(!verdict.read.startsWith('/') && !/^[a-zA-Z]:/.test(verdict.read), verdict.read);
      } else if ('refuse' in verdict) {
        assert.match(verdict.refuse, /^archive member refused: .+; the archive's other members are read$/);
      } else {
        const parts = name
          .replace(/\\/g, '/')
          .split('/')
          .filter((part) => part !== '' && part !== '.');
        const hidden = parts.length === 0 || parts.some((part) => part.startsWith('.') || part === '__MACOSX');
        assert.ok(memberKind === 'folder' || hidden, name);
      }
    }),
    { numRuns: 2000 },
  );
});
