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

/**
 * What a refused move (409) tells of the order: where it is now, at which version (`{ status, version }`), for the
 * page to apply by version like any other news; null when the problem does not say.
 */
export function conflictNews(problem) {
  return problem?.currentStatus && problem.version
    ? { status: problem.currentStatus, version: problem.version } : null;
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
