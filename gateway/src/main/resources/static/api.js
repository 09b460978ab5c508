// The SirenOrder API as the pages use it: JSON in and out, and every answer that is not a success turned into
// an Error carrying its status, problem body and Retry-After, so a page can say exactly what happened.

export class ApiError extends Error {
  constructor(status, problem, retryAfterSeconds) {
    super(problem?.detail ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export async function api(method, path, body) {
  let response;
  try {
    response = await fetch(path, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (networkError) {
    throw new ApiError(0, { detail: 'SirenOrder cannot be reached. Check your connection.' }, 5);
  }
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const retryAfter = Number.parseInt(response.headers.get('Retry-After') ?? '', 10);
    throw new ApiError(response.status, json, Number.isNaN(retryAfter) ? null : retryAfter);
  }
  return json;
}

export const won = (amount) => `₩${Number(amount).toLocaleString('ko-KR')}`;

export const menuName = (product) => product.name ?? `Product #${product.productId}`;

/**
 * Follows the notification stream: `product` and `order` events to the handlers, and `reset` (the stream could not
 * replay everything missed) to onReset, so the page reloads what it shows. The browser reconnects by itself, with
 * Last-Event-ID, after a dropped connection; the page's `#live` indicator says whether the stream is open.
 */
export function followNotifications({ customerId, onProduct, onOrder, onReset }) {
  const query = customerId ? `?customerId=${encodeURIComponent(customerId)}` : '';
  const stream = new EventSource(`/notifications/stream${query}`);
  stream.addEventListener('product', (event) => onProduct?.(JSON.parse(event.data)));
  stream.addEventListener('order', (event) => onOrder?.(JSON.parse(event.data)));
  stream.addEventListener('reset', () => onReset?.());
  stream.addEventListener('open', () => showConnection(true));
  stream.addEventListener('error', () => showConnection(false));
  return stream;
}

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
