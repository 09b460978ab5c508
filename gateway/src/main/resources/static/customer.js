import { api, ApiError, followNotifications, menuName, toast, won } from '/api.js';

// A customer is known by an id kept on this device; the notification stream sends them their own orders by it.
const customerId = localStorage.getItem('siren.customerId') ?? `c-${crypto.randomUUID().slice(0, 8)}`;
localStorage.setItem('siren.customerId', customerId);

const menu = new Map(); // productId -> { productId, name, price }
const orders = new Map(); // orderId -> order, newest first when shown

const menuList = document.getElementById('menu');
const outcome = document.getElementById('outcome');

function orderable(product) {
  return product.status === 'Available' && product.price > 0;
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

function renderOrders() {
  const list = [...orders.values()].sort((a, b) => b.orderId - a.orderId).slice(0, 10);
  document.getElementById('orders').replaceChildren(...list.map((order) => {
    const entry = document.createElement('li');
    entry.dataset.orderId = order.orderId;
    const product = menu.get(order.productId);
    const what = product ? menuName(product) : `Product #${order.productId}`;
    entry.textContent = `#${order.orderId} · ${order.quantity} × ${what} · ${won(order.totalPrice)}`;
    return entry;
  }));
  document.getElementById('orders-empty').hidden = list.length > 0;
  localStorage.setItem('siren.orders', JSON.stringify(list));
}

function say(text, kind) {
  outcome.textContent = text;
  outcome.dataset.kind = kind;
}

async function placeOrder(item, button) {
  button.disabled = true;
  try {
    const order = await api('POST', '/orders', { productId: item.productId, customerId });
    orders.set(order.id, { orderId: order.id, productId: order.productId, quantity: order.quantity,
                           totalPrice: order.totalPrice });
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
  items.forEach((item) => menu.set(item.productId, item));
  renderMenu();
  renderOrders();
}

function onProduct(product) {
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

function onOrder(order) {
  orders.set(order.orderId, order);
  renderOrders();
}

document.getElementById('customer-id').textContent = customerId;
JSON.parse(localStorage.getItem('siren.orders') ?? '[]').forEach((order) => orders.set(order.orderId, order));
followNotifications({ customerId, onProduct, onOrder, onReset: loadMenu });
loadMenu().catch((error) => say(`The menu could not be loaded: ${error.message}`, 'retry'));
