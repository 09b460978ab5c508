import { api, ApiError, followNotifications, menuName, toast, won } from '/api.js';
import { currentUser, hasLapsed, renewBeforeExpiry, showAccount, signIn, signInAgain } from '/auth.js';
import { yourOrders } from '/your-orders.js';

// Anyone may look at the menu; ordering, and the list of one's own orders (your-orders.js), need signing in as a
// customer.
const user = currentUser();

const menu = new Map(); // productId -> { productId, name, price }, what can be ordered now
const names = new Map(); // productId -> name, also of what is off the menu now

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

function say(text, kind) {
  outcome.textContent = text;
  outcome.dataset.kind = kind;
}

const orders = yourOrders({ nameOf, say });

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
    orders.placed(order);
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
  orders.render();
}

async function loadOrders() {
  try {
    await orders.load();
    await nameProductsOffTheMenu();
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (!error.signingInAgain) say(`Your orders could not be loaded: ${error.message}`, 'retry');
  }
}

// an order of something that is not on the menu any more still says what it was
async function nameProductsOffTheMenu() {
  if (orders.productIds().every((productId) => names.has(productId))) return;
  const products = await api('GET', '/products').catch(() => []);
  products.forEach((product) => {
    if (product.name) names.set(product.id, product.name);
  });
  orders.render();
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
  // the stream's order events are this customer's own (notification reads who from the token)
  followNotifications({ withToken: Boolean(user?.isCustomer), onProduct, onOrder: orders.onOrder, onReset: reload });
  reload();
}
