import { isUserId, parseItemId } from '@mosaic/flashsale-domain';
import type { FlashsaleUseCases } from '@mosaic/flashsale-usecase';
import type { FastRoute } from '@mosaic/kit-http';
import type { IncomingMessage } from 'node:http';
import { asBackendOutage } from './backend-errors';
import { basketJson } from './presenters';

/**
 * The seed's `POST /checkout?user_id=&id=` ahead of express (kit-http's fast path): the
 * hottest route of a sale, where express's dispatch, the query parser and the schema cost
 * more than the answer. It claims only the plain case — exactly `user_id` and `id`, each
 * once and well formed, no body, no credentials — and declines anything else to the
 * express route, which answers it (400s included) as before. Once claimed, the answer
 * is the express route's: the basket as JSON, or the error the error handler would send.
 */
export function fastCheckout(useCases: Pick<FlashsaleUseCases, 'checkout'>): FastRoute {
  return {
    method: 'POST',
    path: '/checkout',
    handle(req, res, _params, fail) {
      const query = plainQuery(req);
      if (!query) return false;
      useCases.checkout.execute(query).then(
        (basket) => {
          const body = JSON.stringify(basketJson(basket));
          res.statusCode = 200;
          res.setHeader('Content-Type', 'application/json; charset=utf-8');
          res.setHeader('Content-Length', Buffer.byteLength(body));
          res.end(body);
        },
        (error: unknown) => fail(asBackendOutage(error)),
      );
      return true;
    },
  };
}

function plainQuery(req: IncomingMessage): { userId: string; itemId: string } | undefined {
  const { headers } = req;
  if (headers.authorization !== undefined || headers.cookie !== undefined) return undefined;
  if ((headers['content-length'] !== undefined && headers['content-length'] !== '0') || headers['transfer-encoding'] !== undefined) return undefined;
  const url = req.url ?? '';
  const start = url.indexOf('?');
  if (start === -1) return undefined;
  const query = new URLSearchParams(url.slice(start + 1));
  const keys = [...query.keys()];
  const userId = query.get('user_id');
  const itemId = query.get('id');
  if (keys.length !== 2 || !isUserId(userId) || itemId === null || parseItemId(itemId) === undefined) return undefined;
  return { userId, itemId };
}
