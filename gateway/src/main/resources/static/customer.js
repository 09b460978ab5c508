import { api, ApiError, followNotifications, menuName, toast, won } from '/api.js';
import { currentUser, hasLapsed, renewBeforeExpiry, showAccount, signIn, signInAgain } from '/auth.js';

// Anyone may look at the menu; ordering, and the list of one's own orders, need signing in as a customer. The
// orders are the server's (GET /orders: the signed-in customer's, newest first), kept up to date by the
// notification stream, which tells a signed-in customer of each of their orders (this tab's and any other's).
const user = currentUser();
const ORDERS_SHOWN = 10;

const menu = new Map(); // productId -> { productId, name, price }, what can be ordered now
const names = new Map(); // productId -> name, also of what is off the menu now
const orders = new Map(); // orderId -> { orderId, productId, quantity, totalPrice, orderedAt, state }

const menuList = document.getElementById('menu');
const outcome = document.getElementById('outcome');

function orderable(product) {
  return product.status === 'Available' && product.price > 0;
}

function nameOf(productId) {
  return menuName({ productId, name: names.get(productId) });
}

function renderMenu() {
  const items = [...menu.values()].sort((a, b) => a.productId - b.productId);
  menuList.replaceChildren(...items.map((item) => {
    const entry = document.createElement('li');
    entry.className = 'menu-item';
    entry.dataset.productId = item.productId;
    const name = document.createElement('span');
    name.className = 'name';
    name.textContent = menuName(item);
    const price = document.createElement('span');
    price.className = 'price';
    price.textContent = won(item.price);
    const order = document.createElement('button');
    order.type = 'button';
    order.textContent = 'Order';
    order.setAttribute('aria-label', `Order ${menuName(item)} for ${won(item.price)}`);
    order.addEventListener('click', () => placeOrder(item, order));
    entry.append(name, price, order);
    return entry;
  }));
  document.getElementById('menu-empty').hidden = items.length > 0;
}

// An order placed in this tab is "placed" until its event comes back on the stream ("confirmed": the order has
// left the order service for the rest of the shop); orders loaded from the server show no such state.
const STATES = { placed: 'placed', confirmed: '✓ confirmed' };

function renderOrders() {
  const list = [...orders.values()].sort((a, b) => b.orderId - a.orderId).slice(0, ORDERS_SHOWN);
  document.getElementById('orders').replaceChildren(...list.map((order) => {
    const entry = document.createElement('li');
    entry.dataset.orderId = order.orderId;
    const what = document.createElement('span');
    const when = order.orderedAt
      ? ` · ${new Date(order.orderedAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}` : '';
    what.textContent = `#${order.orderId} · ${order.quantity} × ${nameOf(order.productId)} · `
      + `${won(order.totalPrice)}${when}`;
    entry.append(what);
    if (order.state) {
      entry.dataset.state = order.state;
      const state = document.createElement('span');
      state.className = 'order-state';
      state.textContent = STATES[order.state];
      entry.append(' ', state);
    }
    return entry;
  }));
  document.getElementById('orders-empty').hidden = list.length > 0;
}

function say(text, kind) {
  outcome.textContent = text;
  outcome.dataset.kind = kind;
}

async function placeOrder(item, button) {
  if (!user) {
    signIn();
    return;
  }
  if (!user.isCustomer) {
    say('Only customers order: sign out, and sign in as a customer.', 'refused');
    return;
  }
  button.disabled = true;
  try {
    const order = await api('POST', '/orders', { productId: item.productId });
    const known = orders.get(order.id);
    orders.set(order.id, { orderId: order.id, productId: order.productId, quantity: order.quantity,
                           totalPrice: order.totalPrice, orderedAt: order.orderedAt,
                           // the stream may have been quicker than this answer
                           state: known?.state ?? 'placed' });
    renderOrders();
    say(`Ordered: ${menuName(item)}, ${won(order.totalPrice)}. Order #${order.id}.`, 'ok');
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.status === 409) {
      menu.delete(item.productId);
      renderMenu();
      say(`Sorry, ${menuName(item)} is sold out.`, 'refused');
    } else if (error.status === 404) {
      menu.delete(item.productId);
      renderMenu();
      say(`${menuName(item)} is no longer on the menu.`, 'refused');
    } else if (error.status === 503 || error.status === 0) {
      const wait = error.retryAfterSeconds ?? 5;
      say(`Ordering is unavailable for a moment. Nothing was ordered; please try again in ${wait} s.`, 'retry');
    } else if (error.status === 401) {
      say(error.signingInAgain ? 'Your sign-in has expired: signing in again…'
        : 'Your sign-in is not accepted any more: sign in again to order.', 'refused');
    } else {
      say(`Your order could not be placed: ${error.message}`, 'refused');
    }
  } finally {
    button.disabled = false;
  }
}

async function loadMenu() {
  const items = await api('GET', '/menu');
  menu.clear();
  items.forEach((item) => {
    menu.set(item.productId, item);
    if (item.name) names.set(item.productId, item.name);
  });
  renderMenu();
  renderOrders();
}

async function loadOrders() {
  try {
    const page = await api('GET', `/orders?page=0&size=${ORDERS_SHOWN}`);
    for (const order of page.content) {
      orders.set(order.id, { orderId: order.id, productId: order.productId, quantity: order.quantity,
                             totalPrice: order.totalPrice, orderedAt: order.orderedAt,
                             state: orders.get(order.id)?.state });
    }
    renderOrders();
    await nameProductsOffTheMenu();
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (!error.signingInAgain) say(`Your orders could not be loaded: ${error.message}`, 'retry');
  }
}

// an order of something that is not on the menu any more still says what it was
async function nameProductsOffTheMenu() {
  if ([...orders.values()].every((order) => names.has(order.productId))) return;
  const products = await api('GET', '/products').catch(() => []);
  products.forEach((product) => {
    if (product.name) names.set(product.id, product.name);
  });
  renderOrders();
}

function onProduct(product) {
  if (product.name) names.set(product.productId, product.name);
  const known = menu.get(product.productId);
  if (orderable(product)) {
    menu.set(product.productId, { productId: product.productId, name: product.name, price: product.price });
    if (product.statusChanged && product.previousStatus) {
      toast(`${menuName(product)} is available again.`, 'ok');
    }
  } else if (known) {
    menu.delete(product.productId);
    if (product.statusChanged) {
      toast(`${menuName(product)} is sold out.`, 'warn');
    }
  }
  renderMenu();
}

// the stream's order events are this customer's own (notification reads who from the token)
function onOrder(order) {
  orders.set(order.orderId, { orderId: order.orderId, productId: order.productId, quantity: order.quantity,
                              totalPrice: order.totalPrice, orderedAt: order.orderedAt, state: 'confirmed' });
  renderOrders();
}

function reload() {
  loadMenu().catch((error) => say(`The menu could not be loaded: ${error.message}`, 'retry'));
  if (user?.isCustomer) loadOrders();
}

// signed in before, the token expired while the tab was away: sign in again (auth usually still knows them)
if (!user && hasLapsed() && signInAgain()) {
  // on the way to auth
} else {
  showAccount(user);
  document.getElementById('orders-signed-out').hidden = Boolean(user);
  document.getElementById('orders-not-customer').hidden = !user || user.isCustomer;
  document.getElementById('orders-mine').hidden = !user?.isCustomer;
  document.getElementById('orders-sign-in').addEventListener('click', () => signIn());
  renewBeforeExpiry(user);
  followNotifications({ asCustomer: Boolean(user?.isCustomer), onProduct, onOrder, onReset: reload });
  reload();
}
