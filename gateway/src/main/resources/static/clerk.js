import { api, ApiError, followNotifications, menuName, toast, won } from '/api.js';
import { currentUser, hasLapsed, renewBeforeExpiry, showAccount, signIn, signInAgain } from '/auth.js';
import { queueBoard } from '/queue.js';

// The clerk's page is for the clerk role alone: signed out it offers to sign in; signed in as a customer it says
// so and asks nothing of the API (which would refuse them the report and every change, 403, anyway).
const user = currentUser();

// The report is report-service's read model: it follows orders through Kafka, so the table is fetched again
// after every product change seen on the notification stream and every few seconds for the orders.
const REFRESH_MILLIS = 2000;

const rows = new Map(); // productId -> <tr>
const names = new Map(); // productId -> name, as the report has it
const tbody = document.querySelector('#report tbody');

// the queue board (queue.js) names products as the report does
const queue = queueBoard({ nameOf: (productId) => menuName({ productId, name: names.get(productId) }) });

function problemText(error) {
  if (error.signingInAgain) return 'your sign-in has expired: signing in again…';
  const fields = error.problem?.errors?.map((field) => `${field.field}: ${field.message}`);
  return fields?.length ? fields.join('; ') : error.message;
}

async function change(productId, patch, control) {
  control.disabled = true;
  try {
    const product = await api('PATCH', `/products/${productId}`, patch);
    toast(`${menuName({ productId, name: product.name })} saved.`, 'ok');
    await refresh();
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    toast(`Not saved: ${problemText(error)}`, 'warn');
    await refresh();
  } finally {
    control.disabled = false;
  }
}

function cell(...children) {
  const td = document.createElement('td');
  td.append(...children);
  return td;
}

function row(line) {
  const tr = document.createElement('tr');
  tr.dataset.productId = line.productId;

  const price = document.createElement('input');
  price.type = 'number';
  price.min = '0';
  price.step = '1';
  price.className = 'price-input';
  price.setAttribute('aria-label', `Price of ${menuName(line)}`);
  price.addEventListener('change', () => change(line.productId, { price: Number(price.value) }, price));

  const status = document.createElement('select');
  status.setAttribute('aria-label', `Status of ${menuName(line)}`);
  status.append(new Option('Available'), new Option('SoldOut'));
  status.addEventListener('change', () => change(line.productId, { status: status.value }, status));

  tr.append(cell(), cell(price), cell(status), cell(), cell(), cell(), cell());
  tr.cells[4].className = 'number';
  tr.cells[5].className = 'number';
  tr.cells[6].className = 'number';
  return tr;
}

function update(tr, line) {
  tr.cells[0].textContent = menuName(line);
  const [price] = tr.cells[1].children;
  const [status] = tr.cells[2].children;
  // a clerk typing in a field keeps what they typed until they leave it
  if (document.activeElement !== price) price.value = line.price;
  if (document.activeElement !== status) status.value = line.status;
  tr.dataset.status = line.status;
  tr.cells[3].textContent = line.statusChangedAt ? new Date(line.statusChangedAt).toLocaleString() : '';
  tr.cells[4].textContent = line.ordersPlaced ?? 0;
  tr.cells[5].textContent = line.ordersCancelled ?? 0;
  tr.cells[6].textContent = won(line.revenue ?? 0);
}

async function refresh() {
  const report = await api('GET', '/reports');
  let renamed = false;
  for (const line of report) {
    if (line.name && names.get(line.productId) !== line.name) {
      names.set(line.productId, line.name);
      renamed = true;
    }
    let tr = rows.get(line.productId);
    if (!tr) {
      tr = row(line);
      rows.set(line.productId, tr);
    }
    update(tr, line);
  }
  const ordered = [...rows.entries()].sort(([a], [b]) => a - b).map(([, tr]) => tr);
  tbody.replaceChildren(...ordered);
  document.getElementById('report-empty').hidden = rows.size > 0;
  if (renamed) queue.renamed();
}

document.getElementById('register').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.currentTarget;
  const outcome = document.getElementById('register-outcome');
  const data = new FormData(form);
  const product = { price: data.get('price') === '' ? null : Number(data.get('price')), status: data.get('status') };
  if (data.get('name').trim()) product.name = data.get('name').trim();
  try {
    const registered = await api('POST', '/products', product);
    outcome.textContent = `Registered ${menuName({ productId: registered.id, name: registered.name })}.`;
    outcome.dataset.kind = 'ok';
    form.reset();
    form.elements.name.focus();
    await refresh();
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    outcome.textContent = `Not registered: ${problemText(error)}`;
    outcome.dataset.kind = 'refused';
  }
});

// The table stays as it was while the report cannot be read; the next refresh catches up. A 401 means the token
// is no longer good: the page is on its way to auth (or, when signing in again did not help, back to signed out).
async function refreshQuietly() {
  try {
    await refresh();
    document.getElementById('report-title').dataset.stale = 'false';
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.status === 401) {
      clearInterval(refreshing);
      if (!error.signingInAgain) location.reload();
      return;
    }
    document.getElementById('report-title').dataset.stale = 'true';
  }
}

let refreshing;

// signed in before, the token expired while the tab was away: sign in again (auth usually still knows them)
if (!user && hasLapsed() && signInAgain()) {
  // on the way to auth
} else {
  showAccount(user);
  document.getElementById('clerk-sign-in').hidden = Boolean(user);
  document.getElementById('clerk-sign-in-button').addEventListener('click', () => signIn());
  document.getElementById('not-a-clerk').hidden = !user || user.isClerk;
  document.getElementById('not-a-clerk-name').textContent = user?.name ?? '';
  document.querySelectorAll('.clerk-only').forEach((section) => {
    section.hidden = !user?.isClerk;
  });
  if (user?.isClerk) {
    renewBeforeExpiry(user);
    // with the clerk's token, the stream tells of every customer's orders too, for the queue board
    followNotifications({
      withToken: true,
      onProduct: refreshQuietly,
      onOrder: queue.onOrder,
      onReset: () => {
        refreshQuietly();
        queue.load();
      },
    });
    queue.load();
    refreshQuietly();
    refreshing = setInterval(refreshQuietly, REFRESH_MILLIS);
  }
}
