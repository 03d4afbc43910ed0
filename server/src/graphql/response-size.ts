import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../auth/request-context';
import { badInput } from '../common/errors';

/**
 * A cap on the size of an answer, behind the cost cap (which bounds the number of values, not the
 * length of each: 50,000 notes of 2,000 characters). The answer is serialised here, once: over the
 * cap it is replaced by 400 RESPONSE_TOO_LARGE; under it, the text is kept for `stringify` so that
 * Apollo does not serialise it a second time.
 */
export function responseSizeCap(maxBytes: number): {
  plugin: ApolloServerPlugin<RequestContext>;
  stringify: (result: { data?: unknown }) => string;
} {
  const serialized = new WeakMap<object, string>();
  return {
    plugin: {
      async requestDidStart() {
        return {
          async willSendResponse({ response }) {
            if (response.body.kind !== 'single') return;
            const r = response.body.singleResult;
            if (!r.data || typeof r.data !== 'object') return;
            // The field order Apollo serialises in (errors, data, extensions).
            const text = JSON.stringify({ errors: r.errors, data: r.data, extensions: r.extensions });
            // A UTF-16 code unit is at most 3 bytes of UTF-8: most answers are under the cap by their
            // length alone, without counting their bytes (a scan of the whole text: 6 % of a pull's CPU).
            const bytes = text.length * 3 <= maxBytes ? 0 : Buffer.byteLength(text);
            if (bytes <= maxBytes) {
              serialized.set(r.data, text);
              return;
            }
            const e = badInput(
              'RESPONSE_TOO_LARGE',
              `The answer would be ${bytes} bytes, over the cap of ${maxBytes} (MAX_RESPONSE_SIZE): ask for smaller pages or fewer fields`,
            );
            response.body.singleResult = {
              errors: [{ message: e.message, extensions: { code: e.code, reason: e.reason } }],
            };
            response.http.status = 400;
          },
        };
      },
    },
    stringify: (result) =>
      (result.data && typeof result.data === 'object' ? serialized.get(result.data) : undefined) ??
      JSON.stringify(result),
  };
}
