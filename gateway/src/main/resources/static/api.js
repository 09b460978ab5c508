// The SirenOrder API as the pages use it: JSON in and out, the signed-in person's access token on every call, and
// every answer that is not a success turned into an Error carrying its status, problem body and Retry-After, so a
// page can say exactly what happened.

import { currentUser, signInAgain } from '/auth.js';

export class ApiError extends Error {
  constructor(status, problem, retryAfterSeconds) {
    super(problem?.detail ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
    this.retryAfterSeconds = retryAfterSeconds;
    // a 401 to a signed-in call: the page is on its way to auth to sign in again (see api)
    this.signingInAgain = false;
  }
}

/**
 * Calls the API, as the person signed in in this tab when there is one (`Authorization: Bearer`). A 401 to a call
 * that carried a token means the token is no longer good (expired, or auth restarted with a new key): the page
 * signs in again and comes back.
 */
export async function api(method, path, body) {
  const user = currentUser();
  const headers = {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (user) headers.Authorization = `Bearer ${user.token}`;
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (networkError) {
    throw new ApiError(0, { detail: 'SirenOrder cannot be reached. Check your connection.' }, 5);
  }
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const retryAfter = Number.parseInt(response.headers.get('Retry-After') ?? '', 10);
    const error = new ApiError(response.status, json, Number.isNaN(retryAfter) ? null : retryAfter);
    if (response.status === 401 && user) error.signingInAgain = signInAgain();
    throw error;
  }
  return json;
}

export const won = (amount) => `₩${Number(amount).toLocaleString('ko-KR')}`;

export const menuName = (product) => product.name ?? `Product #${product.productId}`;

/**
 * Follows the notification stream: `product` and `order` events to the handlers, and `reset` (the stream could not
 * replay everything missed) to onReset, so the page reloads what it shows. The browser reconnects by itself, with
 * Last-Event-ID, after a dropped connection; the page's `#live` indicator says whether the stream is open.
 *
 * Anyone hears of the menu; with `withToken`, a signed-in customer also of their own orders and a clerk of every
 * customer's (placed and moved along), for which the stream must know who they are. An EventSource cannot send
 * headers, so the token goes in the query (`access_token`), which the gateway and notification accept on this one
 * path only. That puts it where URLs end up (logs, the browser's history of requests), which is bearable because it
 * is short-lived (an hour) and sent only to this origin; a page sends it only when it wants the orders.
 *
 * An answer that is not a stream (401: the token expired; 503: notification is down) ends an EventSource for good,
 * so the stream is opened anew after a pause, from the last event seen (`lastEventId`), with the token then
 * current, or after signing in again when it has expired.
 */
export function followNotifications({ withToken = false, onProduct, onOrder, onReset }) {
  let lastEventId = null;
  const open = () => {
    const query = new URLSearchParams();
    const user = withToken ? currentUser() : null;
    if (withToken && !user && signInAgain()) return;
    if (user) query.set('access_token', user.token);
    if (lastEventId) query.set('lastEventId', lastEventId);
    const stream = new EventSource(`/notifications/stream${query.size ? `?${query}` : ''}`);
    const seen = (event) => {
      if (event.lastEventId) lastEventId = event.lastEventId;
    };
    stream.addEventListener('product', (event) => {
      seen(event);
      onProduct?.(JSON.parse(event.data));
    });
    stream.addEventListener('order', (event) => {
      seen(event);
      onOrder?.(JSON.parse(event.data));
    });
    stream.addEventListener('reset', (event) => {
      seen(event);
      onReset?.();
    });
    stream.addEventListener('open', () => showConnection(true));
    stream.addEventListener('error', () => {
      showConnection(false);
      if (stream.readyState === EventSource.CLOSED) setTimeout(open, REOPEN_MILLIS);
    });
  };
  open();
}

const REOPEN_MILLIS = 3000;

function showConnection(connected) {
  const live = document.getElementById('live');
  live.dataset.connected = String(connected);
  live.textContent = connected ? 'live' : 'reconnecting…';
}

/** A short message at the bottom of the screen, read out by screen readers, gone after a few seconds. */
export function toast(text, kind = 'info') {
  const container = document.getElementById('toasts');
  const item = document.createElement('li');
  item.className = `toast toast-${kind}`;
  item.textContent = text;
  container.append(item);
  setTimeout(() => item.remove(), 6000);
}
