// What every API call passes before it reaches a route: the bearer token when the server has one, a Host and
// Origin that are the server's own (no CORS, no DNS rebinding), JSON bodies only, and a body size limit.

import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function tokenGuard(token: string | null): MiddlewareHandler {
  const expected = token === null ? null : digest(token);
  return async (c, next) => {
    if (expected === null) return next();
    const given = /^Bearer (.+)$/.exec(c.req.header('Authorization') ?? '')?.[1];
    if (given === undefined || !timingSafeEqual(digest(given), expected)) {
      return c.json({ error: 'a valid token is required: send Authorization: Bearer TOKEN' }, 401);
    }
    return next();
  };
}

/** Without a token only loopback names are served, so a page elsewhere cannot reach the API by rebinding its DNS. */
export function originGuard(tokenRequired: boolean): MiddlewareHandler {
  return async (c, next) => {
    const host = c.req.header('Host') ?? '';
    if (!tokenRequired && !LOOPBACK_HOSTS.has(host.replace(/:\d+$/, ''))) {
      return c.json({ error: `the host "${host}" is not served without a token` }, 403);
    }
    const origin = c.req.header('Origin');
    if (origin !== undefined && origin !== 'null' && new URL(origin).host !== host) {
      return c.json({ error: `requests from ${origin} are not allowed` }, 403);
    }
    if (origin === 'null') return c.json({ error: 'requests from an opaque origin are not allowed' }, 403);
    // A cross-site form can post text/plain without a preflight; JSON needs one, which this server never answers.
    if (c.req.method === 'POST' && !(c.req.header('Content-Type') ?? '').startsWith('application/json')) {
      return c.json({ error: 'send the body as application/json' }, 415);
    }
    return next();
  };
}

export function sizeGuard(maxBytes: number): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: (c) => c.json({ error: `the request body is over the limit of ${maxBytes} bytes` }, 413),
  });
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
