import { api, ApiError } from '/api.js';
import { conflictNews, isNewer, isOpen, OPEN_STATUSES, pressTwiceToCancel, STATUS_LABELS } from '/lifecycle.js';

// The clerk's queue board: every customer's orders still to be handed over, a column per status (Ordered,
// Preparing, Ready), oldest first, as the barista works through them. Loaded from GET /orders?status=…, then kept
// live by the clerk's notification stream, which tells of every order placed and every move, whoever made it (this
// tablet, another clerk's, a customer cancelling); each is applied only when newer, by the order's version.

const QUEUE_SIZE = 100;
const AGE_TICK_MILLIS = 30_000;
const RELOAD_MILLIS = 5000;

// What a clerk may do with an order in each status; the first button moves it along.
const ACTIONS = {
  Ordered: [{ to: 'Preparing', label: 'Start' }, { to: 'Cancelled', label: 'Cancel' }],
  Preparing: [{ to: 'Ready', label: 'Ready' }, { to: 'Cancelled', label: 'Cancel' }],
  Ready: [{ to: 'PickedUp', label: 'Picked up' }],
};

/** How long ago, in words that read at a glance. */
function ago(instant, now = Date.now()) {
  const minutes = Math.floor((now - Date.parse(instant)) / 60_000);
  if (minutes < 1) return 'just now'; // also when the tablet's clock is a little behind the server's
  if (minutes < 60) return `${minutes} min ago`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min ago`;
}

const oldestFirst = (a, b) => (Date.parse(a.orderedAt) - Date.parse(b.orderedAt)) || a.orderId - b.orderId;

const fromServer = (order) => ({ orderId: order.id, productId: order.productId, quantity: order.quantity,
                                 customerId: order.customerId, orderedAt: order.orderedAt,
                                 status: order.status, version: order.version });

/** The board, drawn in #queue; `nameOf(productId)` names a product. */
export function queueBoard({ nameOf }) {
  // orderId -> { orderId, productId, quantity, customerId, orderedAt, status, version, heard }: the ended ones too,
  // so that late news of an order picked up or cancelled cannot bring it back
  const orders = new Map();
  const cards = new Map(); // orderId -> its <li>, while on the board
  const outcome = document.getElementById('queue-outcome');
  let heard = 0; // counts the news applied, to tell what a list that was under way when it came could not know
  let beyond = 0; // open orders after the first QUEUE_SIZE, not on the board
  let ticking = null; // the cards' ages, kept up to date once the board is loaded

  function say(text, kind) {
    outcome.textContent = text;
    outcome.dataset.kind = kind;
  }

  const what = (order) => `${order.quantity} × ${nameOf(order.productId)}`;

  function apply(news) {
    const known = orders.get(news.orderId);
    if (!isNewer(known, news.version)) return;
    heard += 1;
    const order = { ...known, ...news, heard };
    orders.set(order.orderId, order);
    place(order);
  }

  function card(order) {
    const item = document.createElement('li');
    item.className = 'queue-card';
    item.dataset.orderId = order.orderId;
    const title = document.createElement('p');
    title.className = 'card-title';
    const number = document.createElement('span');
    number.className = 'card-number';
    number.textContent = `#${order.orderId}`;
    const product = document.createElement('span');
    product.className = 'card-what';
    title.append(number, ' ', product);
    const meta = document.createElement('p');
    meta.className = 'card-meta';
    const customer = document.createElement('span');
    customer.className = 'card-customer';
    customer.textContent = order.customerId ?? 'no customer';
    const age = document.createElement('time');
    age.className = 'card-age';
    age.dateTime = order.orderedAt;
    age.textContent = ago(order.orderedAt);
    meta.append(customer, ' · ', age);
    const actions = document.createElement('div');
    actions.className = 'card-actions';
    item.append(title, meta, actions);
    return item;
  }

  /** Puts the order's card where its status says, or takes it off the board when the order has ended. */
  function place(order) {
    let item = cards.get(order.orderId);
    if (!isOpen(order.status)) {
      if (item) {
        item.remove();
        cards.delete(order.orderId);
        // an order waiting beyond the board's first page can take its place
        if (beyond > 0) load();
      }
      count();
      return;
    }
    if (!item) {
      item = card(order);
      cards.set(order.orderId, item);
    }
    if (item.dataset.status !== order.status) {
      item.dataset.status = order.status;
      item.querySelector('.card-actions').replaceChildren(...ACTIONS[order.status].map(({ to, label }) => {
        const button = document.createElement('button');
        button.type = 'button';
        button.className = to === 'Cancelled' ? 'card-cancel' : 'card-move';
        button.dataset.to = to;
        button.textContent = label;
        const press = () => move(order.orderId, to, item);
        if (to === 'Cancelled') pressTwiceToCancel(button, press);
        else button.addEventListener('click', press);
        return button;
      }));
      const column = document.getElementById(`queue-${order.status}`);
      const later = [...column.children].find((other) => oldestFirst(orders.get(Number(other.dataset.orderId)),
        order) > 0);
      column.insertBefore(item, later ?? null);
    }
    label(item, order);
    count();
  }

  function label(item, order) {
    const text = what(order);
    const product = item.querySelector('.card-what');
    if (product.textContent !== text) product.textContent = text;
    for (const button of item.querySelectorAll('button')) {
      button.setAttribute('aria-label', `${button.textContent}: order #${order.orderId}, ${text} for `
        + `${order.customerId ?? 'no customer'}`);
    }
  }

  function count() {
    for (const status of OPEN_STATUSES) {
      document.getElementById(`queue-${status}-count`).textContent = document.getElementById(`queue-${status}`)
        .children.length;
    }
    document.getElementById('queue-beyond').hidden = beyond <= 0;
    document.getElementById('queue-beyond').textContent = `${beyond} more waiting after these.`;
  }

  async function move(orderId, to, item) {
    const buttons = [...item.querySelectorAll('button')];
    // whoever works the board from the keyboard keeps their place: on this card, or the next one in its column
    const focused = item.contains(document.activeElement);
    const neighbour = item.nextElementSibling ?? item.previousElementSibling;
    const column = item.closest('.queue-column');
    buttons.forEach((button) => { button.disabled = true; });
    try {
      apply(fromServer(await api('PATCH', `/orders/${orderId}`, { status: to })));
      say(`Order #${orderId} is ${STATUS_LABELS[to].toLowerCase()}.`, 'ok');
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.status === 409) {
        // someone was quicker (another clerk, or the customer cancelling): the problem says where the order is now
        const news = conflictNews(error.problem);
        if (news) apply({ orderId, ...news });
        say(`Not moved: ${error.message}`, 'refused');
      } else if (error.status === 503 || error.status === 0) {
        say(`Not moved: the orders cannot be reached; try again in ${error.retryAfterSeconds ?? 5} s.`, 'retry');
      } else if (!error.signingInAgain) {
        say(`Not moved: ${error.message}`, 'refused');
      }
    } finally {
      buttons.forEach((button) => { button.disabled = false; });
    }
    if (focused) {
      const next = [item, neighbour].find((candidate) => candidate?.isConnected);
      (next?.querySelector('button') ?? column.querySelector('h3')).focus();
    }
  }

  /**
   * The open orders, oldest first, merged into the board by version. An order on the board that the list leaves out
   * has ended, unless it was heard of after the list was asked for, or lies beyond the list's page.
   */
  async function load() {
    ticking ??= setInterval(() => {
      const now = Date.now();
      for (const age of document.querySelectorAll('#queue .card-age')) age.textContent = ago(age.dateTime, now);
    }, AGE_TICK_MILLIS);
    const asked = heard;
    try {
      const page = await api('GET', `/orders?status=${OPEN_STATUSES.join(',')}&size=${QUEUE_SIZE}`);
      page.content.forEach((order) => apply(fromServer(order)));
      beyond = page.page.totalElements - page.content.length;
      const listed = new Set(page.content.map((order) => order.id));
      const last = page.content.at(-1);
      for (const [orderId, item] of cards) {
        const order = orders.get(orderId);
        const withinPage = beyond <= 0 || (last && oldestFirst(order, fromServer(last)) < 0);
        if (!listed.has(orderId) && order.heard <= asked && withinPage) {
          item.remove();
          cards.delete(orderId);
          orders.delete(orderId);
        }
      }
      count();
      document.getElementById('queue-title').dataset.stale = 'false';
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      // a 401: the page is signing in again, or, when that did not help, the report's refresh reloads it
      if (error.status === 401) return;
      document.getElementById('queue-title').dataset.stale = 'true';
      setTimeout(load, RELOAD_MILLIS);
    }
  }

  /** An order the board does not know, moved: what it is comes from the server. */
  async function fetchOrder(orderId) {
    try {
      apply(fromServer(await api('GET', `/orders/${orderId}`)));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      // the board catches up at its next load
    }
  }

  return {
    load,

    /** An `order` event of the clerk's stream: an order placed (version 1), or moved. */
    onOrder(event) {
      const { orderId, status, version } = event;
      if (event.productId !== undefined) {
        const { productId, quantity, customerId, orderedAt } = event;
        apply({ orderId, productId, quantity, customerId, orderedAt, status, version });
      } else if (orders.has(orderId)) {
        apply({ orderId, status, version });
      } else if (isOpen(status)) {
        fetchOrder(orderId);
      } else {
        apply({ orderId, status, version }); // ended before the board heard of it: remembered, never shown
      }
    },

    /** The products' names are known now, or have changed. */
    renamed() {
      for (const [orderId, item] of cards) label(item, orders.get(orderId));
    },
  };
}
