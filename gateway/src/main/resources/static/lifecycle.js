// An order's life as both pages show it: Ordered → Preparing → Ready → PickedUp, or Cancelled (from Ordered, or
// from Preparing by a clerk). A page hears of an order from several places (a list it fetched, the answer to a move,
// the notification stream), any of which may come late or twice. Each carries the order's version (1 when placed,
// one more per move), and a page keeps, per order, the news with the highest version it has had.

export const STATUS_LABELS = {
  Ordered: 'Ordered',
  Preparing: 'Preparing',
  Ready: 'Ready',
  PickedUp: 'Picked up',
  Cancelled: 'Cancelled',
};

/** Still to be handed over: what the queue board shows. */
export const OPEN_STATUSES = ['Ordered', 'Preparing', 'Ready'];

export const isOpen = (status) => OPEN_STATUSES.includes(status);

/** Whether news of an order at `version` is newer than `known` (what the page has of it; undefined: nothing). */
export const isNewer = (known, version) => !known || version > known.version;

// How far along its life a status is: an order only ever moves on.
const STAGE = { Ordered: 0, Preparing: 1, Ready: 2, PickedUp: 3, Cancelled: 3 };
// The version an order in each status has at the least: each status is reached by one path only, except Cancelled,
// which is version 2 from Ordered and 3 from Preparing.
const LEAST_VERSION = { Ordered: 1, Preparing: 2, Ready: 3, PickedUp: 4, Cancelled: 2 };

/**
 * What a refused move (409) tells of an order the page knows as `known`: `{ status, version }` with the problem's
 * `currentStatus`, or null when the page knows that already, or something later. A problem carries no version, so
 * the version is the least the order can have: never more than its real one, so that the stream's event for the
 * move the page missed, which carries the real one, is still applied, and never less than what is known, so that
 * nothing older is.
 */
export function conflictNews(known, currentStatus) {
  if (!(currentStatus in STAGE) || STAGE[currentStatus] <= STAGE[known.status]) return null;
  return { status: currentStatus, version: Math.max(LEAST_VERSION[currentStatus], known.version + 1) };
}

// How long a Cancel asked once waits for its second press before it stands down.
const ASKING_MILLIS = 5000;

/**
 * A cancellation cannot be undone, and on a phone or at a busy counter its button sits right beside another: the
 * first press of `button` only asks ("Sure? Cancel", and so for a screen reader), and `cancel` runs on a second press
 * within a few seconds; otherwise the button stands down.
 */
export function pressTwiceToCancel(button, cancel) {
  let standingDown = null;
  let label = null;
  const standDown = () => {
    clearTimeout(standingDown);
    standingDown = null;
    delete button.dataset.asking;
    button.textContent = 'Cancel';
    if (label) button.setAttribute('aria-label', label);
  };
  button.addEventListener('click', () => {
    if (standingDown) {
      standDown();
      cancel();
      return;
    }
    label = button.getAttribute('aria-label');
    button.dataset.asking = 'true';
    button.textContent = 'Sure? Cancel';
    if (label) button.setAttribute('aria-label', `Press again to cancel: ${label}`);
    standingDown = setTimeout(standDown, ASKING_MILLIS);
  });
}
