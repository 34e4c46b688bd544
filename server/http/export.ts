import { stringify } from 'csv-stringify';
import { Router, type NextFunction, type Request, type Response } from 'express';
import { type z } from 'zod';
import { isoDay } from '../../shared/dates';
import { ZContactListSchema } from '../../shared/schemas/contact';
import { ZDealQuerySchema } from '../../shared/schemas/deal';
import type { SessionUser } from '../auth/session';
import { AppError, fromDatabaseError } from '../errors';
import { listContacts } from '../services/contacts';
import { allDealPages, type DealWithHealth } from '../services/dealList';
import { requestUser, type AppDeps } from '../trpc/context';
import { CONTACT_COLUMNS, DEAL_COLUMNS, contactRow, csvCell, dealRow, guardFormula } from './exportRows';
import { sendTrpcError } from './guards';
import { writeDealsXlsx } from './exportXlsx';

const HTTP_STATUS: Record<AppError['code'], number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
  SERVICE_UNAVAILABLE: 503,
};

/** Query parameters that are ids arrive as text; anything but plain digits stays text and the schema refuses it. */
const ID_PARAMS = new Set(['ownerId', 'accountId', 'teamId']);

/**
 * The query string as the procedure's own input: each parameter once, ids as numbers, then
 * the very zod schema of deal.list / contact.list, so filters mean the same in both places.
 */
function parseQuery<S extends z.ZodType>(schema: S, query: Request['query']): z.output<S> {
  const input: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(query)) {
    if (typeof value !== 'string') throw new AppError('BAD_REQUEST', `${name}: give this parameter once, as plain text`, { field: name });
    input[name] = ID_PARAMS.has(name) && /^\d{1,15}$/.test(value) ? Number(value) : value;
  }
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || (issue?.code === 'unrecognized_keys' ? issue.keys.join(', ') : 'query');
    throw new AppError('BAD_REQUEST', `${field}: ${issue?.message ?? 'invalid'}`, { field });
  }
  return parsed.data;
}

/**
 * deal.list's filters (health and tier among them): the buttons carry what the user sees.
 * Filters only narrow; access stays the list's.
 */
const ZDealExportSchema = ZDealQuerySchema.omit({ cursor: true, limit: true });

async function exportedDeals(deps: AppDeps, req: Request, user: SessionUser) {
  const query = parseQuery(ZDealExportSchema, req.query);
  const deals: DealWithHealth[] = [];
  // The list a page at a time, in the list's own order, so an export matches the screen.
  for await (const page of allDealPages(deps.db, user, query)) deals.push(...page);
  return deals;
}

type Handler = (req: Request, res: Response, user: SessionUser, now: Date) => Promise<void>;

/** Session cookie or API token → user, as the tRPC context does (the same function); every refusal in tRPC's error envelope, never a 500 for bad input. */
function authenticated(deps: AppDeps, handler: Handler) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const now = deps.now();
    void (async () => {
      const session = await requestUser(deps, req);
      if (!session) return sendTrpcError(res, 401, 'UNAUTHORIZED', 'Sign in to export');
      await handler(req, res, session.user, now);
    })().catch((error: unknown) => {
      const known = error instanceof AppError ? error : fromDatabaseError(error);
      if (!known) return next(error);
      if (res.headersSent) return res.destroy(known);
      sendTrpcError(res, HTTP_STATUS[known.code], known.code, known.message);
    });
  };
}

function attachment(res: Response, name: string, contentType: string): void {
  res.setHeader('Content-Type', contentType);
  res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
  res.setHeader('Cache-Control', 'no-store');
}

/** RFC 4180 via csv-stringify, CRLF rows, UTF-8 with a BOM so Excel reads Chinese names right. */
async function sendCsv(res: Response, name: string, header: readonly string[], rows: string[][]): Promise<void> {
  attachment(res, name, 'text/csv; charset=utf-8');
  const csv = stringify({ bom: true, record_delimiter: 'windows' });
  csv.pipe(res);
  csv.write([...header]);
  for (const row of rows) csv.write(row);
  csv.end();
  await new Promise<void>((resolve, reject) => {
    res.on('finish', resolve);
    csv.on('error', reject);
  });
}

export function exportRouter(deps: AppDeps): Router {
  const router = Router();

  router.get(
    '/deals.csv',
    authenticated(deps, async (req, res, user, now) => {
      const deals = await exportedDeals(deps, req, user);
      const rows = deals.map((deal) => {
        const row = dealRow(deal);
        return DEAL_COLUMNS.map((column) => csvCell(row[column]));
      });
      await sendCsv(res, `deals-${isoDay(now)}.csv`, DEAL_COLUMNS, rows);
    }),
  );

  router.get(
    '/deals.xlsx',
    authenticated(deps, async (req, res, user, now) => {
      const deals = await exportedDeals(deps, req, user);
      attachment(res, `deals-${isoDay(now)}.xlsx`, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      await writeDealsXlsx(res, deals.map(dealRow));
    }),
  );

  router.get(
    '/contacts.csv',
    authenticated(deps, async (req, res, user, now) => {
      const { accountId } = parseQuery(ZContactListSchema, req.query);
      const contacts = await listContacts(deps.db, user, accountId);
      const rows = contacts.map((contact) => {
        const row = contactRow(contact);
        return CONTACT_COLUMNS.map((column) => guardFormula(row[column]));
      });
      await sendCsv(res, `contacts-${accountId}-${isoDay(now)}.csv`, CONTACT_COLUMNS, rows);
    }),
  );

  return router;
}
