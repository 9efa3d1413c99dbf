// Which archive members are read, skipped or refused. A member named out of its archive (`../`, an absolute
// path) or that is not a regular file (a link, a device, a FIFO) is an archive built to escape or to mislead:
// it is refused alone, with its reason, and the archive's other members are still read.

/** What a reader tells about a member before its bytes: a regular file, or another kind by name. */
export type MemberKind = 'file' | 'folder' | 'link' | 'device';

export type MemberVerdict =
  | { readonly read: string }
  | { readonly skip: true }
  | { readonly refuse: string; readonly name: string };

const KIND_REASONS: Record<'link' | 'device', string> = {
  link: 'a link, not a file',
  device: 'a device or FIFO, not a file',
};

export function memberVerdict(path: string, kind: MemberKind): MemberVerdict {
  if (kind === 'folder') return { skip: true };
  const parts = path.replace(/\\/g, '/').split('/');
  const name = parts.filter((part) => part !== '' && part !== '.' && part !== '..').join('/') || path;
  const outside = outsideReason(path, parts);
  if (outside !== undefined) return refusal(outside, name);
  // Hidden files and folders (`.DS_Store`, AppleDouble `._x`) and the `__MACOSX` folder macOS adds hold no logs.
  const kept = parts.filter((part) => part !== '' && part !== '.');
  if (kept.length === 0 || kept.some((part) => part.startsWith('.') || part === '__MACOSX')) return { skip: true };
  if (kind !== 'file') return refusal(KIND_REASONS[kind], name);
  return { read: kept.join('/') };
}

function outsideReason(path: string, parts: readonly string[]): string | undefined {
  const first = parts.find((part) => part !== '' && part !== '.') ?? '';
  if (path.startsWith('/') || path.startsWith('\\') || /^[a-zA-Z]:/.test(first)) return `an absolute path (${path})`;
  if (parts.includes('..')) return `a path out of the archive (${path})`;
  return undefined;
}

function refusal(what: string, name: string): MemberVerdict {
  return { refuse: `archive member refused: ${what}; the archive's other members are read`, name };
}
