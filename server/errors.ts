/**
 * The one error type services throw. Its codes are tRPC's, so the mapping to
 * HTTP is tRPC's own; `current` carries the record a stale write lost to.
 */
export type AppErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'TOO_MANY_REQUESTS'
  | 'SERVICE_UNAVAILABLE';

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details: { field?: string; current?: unknown } = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);
export const forbidden = (why: string) => new AppError('FORBIDDEN', why);
export const badInput = (field: string, message: string) =>
  new AppError('BAD_REQUEST', `${field}: ${message}`, { field });
const conflict = (what: string, current: unknown) =>
  new AppError('CONFLICT', `${what} was changed by someone else; reload and try again`, { current });

/** Refuse a write made against an old version, handing back what is there now. */
export async function assertVersion<T extends { version: number }>(what: string, current: T, expected: number, dto: (row: T) => unknown): Promise<void> {
  if (current.version !== expected) throw conflict(what, await dto(current));
}

/** SQLite constraint failures that can only come from a race or a bad reference, as client errors. */
export function fromSqliteError(error: unknown): AppError | null {
  if (typeof error !== 'object' || error === null || !('code' in error)) return null;
  const code = String((error as { code: unknown }).code);
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return new AppError('CONFLICT', 'That record already exists');
  }
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
    return new AppError('BAD_REQUEST', 'A referenced record does not exist');
  }
  if (code === 'SQLITE_BUSY') return new AppError('CONFLICT', 'The database is busy; try again');
  // The storage refused the write: the transaction rolled back, nothing changed, and the server keeps serving reads.
  if (code.startsWith('SQLITE_READONLY')) return new AppError('SERVICE_UNAVAILABLE', 'The database is read-only right now; your change was not saved');
  if (code === 'SQLITE_FULL') return new AppError('SERVICE_UNAVAILABLE', 'The database disk is full; your change was not saved');
  if (code === 'SQLITE_IOERR' || code.startsWith('SQLITE_IOERR_')) return new AppError('SERVICE_UNAVAILABLE', 'The database could not write to disk; your change was not saved');
  return null;
}
