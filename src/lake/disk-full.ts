// A full disk (or a spent quota) while writing a batch: the batch is undone by recovery like any failed one,
// so the user gets one line naming the file that could not be written, not a stack trace.

import { TarnError } from '../tarn-error.ts';

const DISK_FULL_CODES = new Set(['ENOSPC', 'EDQUOT']);
/** DuckDB reports it in its message, naming the file in quotes. */
const DISK_FULL_MESSAGE = /no space left on device|disk quota exceeded/i;
const QUOTED_FILE = /"([^"]+)"/;

/** The error to show for `error` when it says the disk is full; undefined for any other error. */
export function diskFullError(error: unknown, lakeDir: string): TarnError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, path, message } = error as { code?: unknown; path?: unknown; message?: unknown };
  const text = typeof message === 'string' ? message : '';
  if (!(typeof code === 'string' && DISK_FULL_CODES.has(code)) && !DISK_FULL_MESSAGE.test(text)) return undefined;
  const file = typeof path === 'string' ? path : (QUOTED_FILE.exec(text)?.[1] ?? lakeDir);
  return new TarnError(`disk full: cannot write ${file}; the lake is unchanged (free space and ingest again)`);
}
