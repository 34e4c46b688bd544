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

/** The driver's own error: drizzle wraps it (DrizzleQueryError) with the SQL in the message. */
function driverError(error: unknown): { code: string } | null {
  for (let current: unknown = error, depth = 0; current && depth < 4; current = (current as { cause?: unknown }).cause, depth++) {
    if (typeof current === 'object' && 'code' in current && typeof (current as { code: unknown }).code === 'string') return current as { code: string };
  }
  return null;
}

/**
 * A database error as the client error it means, the same on both engines: a race on a
 * unique key is a CONFLICT, a dangling reference a BAD_REQUEST, a transaction that kept
 * losing to concurrent ones a CONFLICT to retry, and storage or a connection that refuses
 * writes SERVICE_UNAVAILABLE (the transaction rolled back, nothing changed). Anything
 * else is a bug (null).
 */
export function fromDatabaseError(error: unknown): AppError | null {
  const driver = driverError(error);
  if (!driver) return null;
  return fromSqliteCode(driver.code) ?? fromPostgresCode(driver.code);
}

const busy = () => new AppError('CONFLICT', 'The database is busy; try again');
const unavailable = (why: string) => new AppError('SERVICE_UNAVAILABLE', `${why}; your change was not saved`);

function fromPostgresCode(code: string): AppError | null {
  if (code === '23505') return new AppError('CONFLICT', 'That record already exists');
  if (code === '23503') return new AppError('BAD_REQUEST', 'A referenced record does not exist');
  // A number past a column's range that the input schemas did not already bound.
  if (code === '22003') return new AppError('BAD_REQUEST', 'A number is out of range');
  if (code === '40001' || code === '40P01' || code === '55P03') return busy();
  if (code === '25006') return unavailable('The database is read-only right now');
  if (code === '53100') return unavailable('The database disk is full');
  // Connection refused or lost, server shutting down, too many connections, a database not
  // accepting connections (55000), I/O error: nothing was applied, and a retry may work.
  if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '53300', '55000', '58030'].includes(code) || code.startsWith('08')) {
    return new AppError('SERVICE_UNAVAILABLE', 'The database cannot be reached right now; nothing was changed, try again in a moment');
  }
  return null;
}

function fromSqliteCode(code: string): AppError | null {
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return new AppError('CONFLICT', 'That record already exists');
  }
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
    return new AppError('BAD_REQUEST', 'A referenced record does not exist');
  }
  if (code === 'SQLITE_BUSY') return busy();
  if (code.startsWith('SQLITE_READONLY')) return unavailable('The database is read-only right now');
  if (code === 'SQLITE_FULL') return unavailable('The database disk is full');
  if (code === 'SQLITE_IOERR' || code.startsWith('SQLITE_IOERR_')) return unavailable('The database could not write to disk');
  return null;
}
