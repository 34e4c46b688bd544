import type { NextFunction, Request, Response } from 'express';

/** Reply in tRPC's error envelope so every client sees one error format. */
export function sendTrpcError(res: Response, httpStatus: number, code: string, message: string): void {
  const jsonRpcCodes: Record<string, number> = { FORBIDDEN: -32003, UNSUPPORTED_MEDIA_TYPE: -32015, NOT_FOUND: -32004, PAYLOAD_TOO_LARGE: -32013, UNAUTHORIZED: -32001 };
  res.status(httpStatus).json({ error: { message, code: jsonRpcCodes[code] ?? -32600, data: { code, httpStatus } } });
}

function originHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/**
 * SPEC §7: a mutation whose Origin or Sec-Fetch-Site shows another site is
 * refused. Clients that send neither (scripts, curl) are allowed. Mutations
 * must also be JSON, so an HTML form cannot post to the API.
 */
export function crossSiteGuard(req: Request, res: Response, next: NextFunction): void {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
  // An API token (SPEC §15) without a cookie: a browser cannot attach an Authorization header
  // to a forged cross-site request, so there is nothing to forge. With a cookie, the check stays.
  const bearer = /^Bearer\s/i.test(req.get('authorization') ?? '');
  if (bearer && !req.headers.cookie) return checkJson(req, res, next);
  const fetchSite = req.get('sec-fetch-site');
  if (fetchSite && fetchSite !== 'same-origin' && fetchSite !== 'same-site' && fetchSite !== 'none') {
    return sendTrpcError(res, 403, 'FORBIDDEN', 'Cross-site requests are not allowed');
  }
  const origin = req.get('origin');
  if (origin && originHost(origin) !== req.get('host')) {
    return sendTrpcError(res, 403, 'FORBIDDEN', 'Cross-site requests are not allowed');
  }
  checkJson(req, res, next);
}

function checkJson(req: Request, res: Response, next: NextFunction): void {
  const contentType = req.get('content-type');
  if (contentType && !contentType.toLowerCase().startsWith('application/json')) {
    return sendTrpcError(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Mutations must be sent as application/json');
  }
  next();
}

/**
 * A POST with no body is a call without input. tRPC's own httpLink sends exactly
 * that (JSON content type, empty body) for `mutate()` without arguments, and
 * tRPC would otherwise fail parsing the empty body as JSON ("Unexpected end of
 * JSON input") before the procedure's own optional input is even consulted.
 */
export function emptyBodyAsNoInput(req: Request, _res: Response, next: NextFunction): void {
  const length = req.get('content-length');
  const empty = length === '0' || (length === undefined && req.get('transfer-encoding') === undefined);
  if (req.method === 'POST' && empty) req.body = {};
  next();
}

/**
 * Body limits per procedure: a POST naming only procedures with a larger allowance
 * (`import.run`) may send up to it, any other up to `default`, judged by Content-Length
 * (what browsers and the tRPC client send) before a byte is read; beyond it the answer
 * is tRPC's 413 PAYLOAD_TOO_LARGE, never a 500. A body sent without a length (chunked)
 * is held by tRPC's own `maxBodySize`, the largest allowance.
 */
export function bodySizeGuard(limits: { default: number; byPath: Record<string, number> }) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method !== 'POST') return next();
    const paths = decodeURIComponent(req.path.replace(/^\//, '')).split(',');
    const limit = Math.min(...paths.map((path) => limits.byPath[path] ?? limits.default));
    const tooLarge = () =>
      sendTrpcError(res, 413, 'PAYLOAD_TOO_LARGE', limit > limits.default ? `The request is larger than ${Math.round(limit / 1024 / 1024)} MB; an import takes at most 20 MB of files` : 'The request body is too large');
    const length = Number(req.get('content-length') ?? 'NaN');
    if (Number.isFinite(length) && length > limit) {
      // Answer at once; the rest of the body is not read.
      res.setHeader('Connection', 'close');
      return tooLarge();
    }
    next();
  };
}
