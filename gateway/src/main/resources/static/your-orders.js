import { api, ApiError, won } from '/api.js';
import { conflictNews, isNewer, pressTwiceToCancel, STATUS_LABELS } from '/lifecycle.js';

// The customer's "Your orders": the server's list (GET /orders: the signed-in customer's, newest first), each order
// with its status kept live by the notification stream, which tells a signed-in customer of each of their orders
// placed (in this tab or any other) and of each move along its life. An order turning Ready is said plainly at the
// top of the page and read out by screen readers; an order still Ordered can be cancelled.

const ORDERS_SHOWN = 10;

// An order placed in this tab is "placed" until its event comes back on the stream ("confirmed": the order has
// left the order service for the rest of the shop); orders loaded from the server show no such state.
const STATES = { placed: 'placed', confirmed: '✓ confirmed' };

/**
 * The list, drawn in #orders and #ready-news. `nameOf(productId)` names a product; `say(text, kind)` tells the
 * outcome of something the customer did.
 */
export function yourOrders({ nameOf, say }) {
  // orderId -> { orderId, productId, quantity, totalPrice, orderedAt, status, version, state }
  const orders = new Map();
  const items = new Map(); // orderId -> its <li>, kept so that an update does not take the focus from its button
  const list = document.getElementById('orders');
  const readyNews = document.getElementById('ready-news');
  const announcer = document.getElementById('order-news');

  const what = (order) => (order.quantity > 1 ? `${order.quantity} × ${nameOf(order.productId)}`
    : nameOf(order.productId));
  const readyText = (order) => `Your ${what(order)} ${order.quantity > 1 ? 'are' : 'is'} ready to pick up.`;

  /** Applies news of an order (an answer, a list entry or an event), if newer than what is shown. */
  function apply(news, state) {
    const known = orders.get(news.orderId);
    const order = { ...known, ...(isNewer(known, news.version) ? news : {}) };
    order.state = state ?? known?.state;
    orders.set(order.orderId, order);
  }

  // news the customer did not make in this tab, read out (what they did themselves, the outcome says)
  function announce(order) {
    if (order.status === 'Ready') {
      announcer.textContent = `${readyText(order)} Order #${order.orderId}.`;
    } else if (order.status === 'Cancelled') {
      announcer.textContent = `Your order #${order.orderId} is cancelled.`;
    }
  }

  function item(order) {
    const entry = document.createElement('li');
    entry.dataset.orderId = order.orderId;
    const description = document.createElement('span');
    description.className = 'order-what';
    const status = document.createElement('span');
    status.className = 'order-status';
    const state = document.createElement('span');
    state.className = 'order-state';
    const cancel = document.createElement('button');
    cancel.type = 'button';
    cancel.className = 'order-cancel';
    cancel.textContent = 'Cancel';
    pressTwiceToCancel(cancel, () => cancelOrder(order.orderId, cancel));
    entry.append(description, ' ', status, ' ', state, ' ', cancel);
    return entry;
  }

  function update(entry, order) {
    const [description, status, state, cancel] = entry.children;
    const when = order.orderedAt
      ? ` · ${new Date(order.orderedAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}` : '';
    description.textContent = `#${order.orderId} · ${order.quantity} × ${nameOf(order.productId)} · `
      + `${won(order.totalPrice)}${when}`;
    entry.dataset.status = order.status;
    status.textContent = STATUS_LABELS[order.status] ?? order.status;
    if (order.state) entry.dataset.state = order.state;
    // once the order has moved on, its being confirmed goes without saying
    state.textContent = order.status === 'Ordered' ? STATES[order.state] ?? '' : '';
    cancel.hidden = order.status !== 'Ordered';
    cancel.setAttribute('aria-label', `Cancel order #${order.orderId}, ${what(order)}`);
  }

  function render() {
    const shown = [...orders.values()].sort((a, b) => b.orderId - a.orderId).slice(0, ORDERS_SHOWN);
    const entries = shown.map((order) => {
      if (!items.has(order.orderId)) items.set(order.orderId, item(order));
      const entry = items.get(order.orderId);
      update(entry, order);
      return entry;
    });
    // put back only when the list itself changed: moving an element takes the focus from it
    if (entries.some((entry, index) => list.children[index] !== entry) || list.children.length !== entries.length) {
      list.replaceChildren(...entries);
    }
    document.getElementById('orders-empty').hidden = shown.length > 0;
    renderReadyNews();
  }

  // a line per order to pick up, at the top of the page, where a customer waiting at the counter looks
  function renderReadyNews() {
    const ready = [...orders.values()].filter((order) => order.status === 'Ready')
      .sort((a, b) => a.orderId - b.orderId);
    readyNews.replaceChildren(...ready.map((order) => {
      const line = document.createElement('p');
      line.dataset.orderId = order.orderId;
      line.textContent = readyText(order);
      const number = document.createElement('span');
      number.className = 'ready-number';
      number.textContent = ` Order #${order.orderId}`;
      line.append(number);
      return line;
    }));
    readyNews.hidden = ready.length === 0;
  }

  const fromServer = (order) => ({ orderId: order.id, productId: order.productId, quantity: order.quantity,
                                   totalPrice: order.totalPrice, orderedAt: order.orderedAt,
                                   status: order.status, version: order.version });

  /** An order the server knows but this page does not (a move of an older one, heard on the stream). */
  async function fetchOrder(orderId) {
    try {
      apply(fromServer(await api('GET', `/orders/${orderId}`)));
      render();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      // the list catches up at the next reload
    }
  }

  async function cancelOrder(orderId, button) {
    button.disabled = true;
    try {
      apply(fromServer(await api('PATCH', `/orders/${orderId}`, { status: 'Cancelled' })));
      say(`Order #${orderId} is cancelled.`, 'ok');
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.status === 409) {
        // the shop was quicker: the problem says where the order is now
        const news = conflictNews(error.problem);
        if (news) apply({ orderId, ...news });
        say(`Order #${orderId} was not cancelled: ${error.message}`, 'refused');
      } else if (error.status === 503 || error.status === 0) {
        say(`Cancelling is unavailable for a moment; please try again in ${error.retryAfterSeconds ?? 5} s.`,
          'retry');
      } else if (!error.signingInAgain) {
        say(`Order #${orderId} was not cancelled: ${error.message}`, 'refused');
      }
    } finally {
      button.disabled = false;
      render();
    }
  }

  return {
    render,

    productIds: () => [...orders.values()].map((order) => order.productId),

    /** The answer to this tab's POST /orders: "placed", unless the stream was quicker. */
    placed(order) {
      apply(fromServer(order), orders.get(order.id)?.state ?? 'placed');
      render();
    },

    /** An `order` event of the stream: the order placed (version 1), or moved; either way heard of. */
    onOrder(event) {
      const known = orders.get(event.orderId);
      const { orderId, status, version } = event;
      if (event.productId !== undefined) {
        const { productId, quantity, totalPrice, orderedAt } = event;
        apply({ orderId, productId, quantity, totalPrice, orderedAt, status, version }, 'confirmed');
      } else if (known) {
        apply({ orderId, status, version }, 'confirmed');
      } else {
        fetchOrder(orderId); // a move of an order not in the list: what it is comes from the server
        return;
      }
      if (known && known.status !== orders.get(orderId).status) announce(orders.get(orderId));
      render();
    },

    async load() {
      const page = await api('GET', `/orders?page=0&size=${ORDERS_SHOWN}`);
      page.content.forEach((order) => apply(fromServer(order)));
      render();
    },
  };
}
