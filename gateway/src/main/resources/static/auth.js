// Signing in to SirenOrder from the web app: the OAuth 2.1 authorization code flow with PKCE (S256), as the public
// client siren-web, against the auth service on this same origin (the gateway routes /oauth2/**, /login and /logout
// to it). The page that starts a sign-in keeps a code verifier and a state in sessionStorage and goes to auth's
// authorization endpoint; auth signs the person in on its own login page and sends the browser to signed-in.html,
// which trades the code for an access token (signed-in.js) and comes back here.
//
// The access token lives in sessionStorage: it is this tab's alone and gone when the tab closes; nothing is kept in
// localStorage or in a cookie. It is read here only to show who is signed in and which page suits them: the
// gateway and the services check it on every request.

const CLIENT_ID = 'siren-web';
const TOKEN = 'siren.accessToken';
const PENDING = 'siren.signIn';
const LAST_AUTOMATIC = 'siren.lastAutomaticSignIn';
// a token this close to its expiry is not used any more: signing in again takes a round trip
const EXPIRY_MARGIN_MILLIS = 30_000;
// signing in again by itself at most once in this long, so a refusal that a new token does not cure cannot loop
const AUTOMATIC_SIGN_IN_PAUSE_MILLIS = 60_000;

let lapsed = false; // this tab had a token that has expired since

export const redirectUri = () => `${location.origin}/signed-in.html`;

function base64url(bytes) {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString(byteCount) {
  return base64url(crypto.getRandomValues(new Uint8Array(byteCount)));
}

async function s256(verifier) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

/** The claims of a JWT, unverified (display and routing only); null when it is not one. */
function claims(token) {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(payload), (char) => char.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return null;
  }
}

/** Only a path on this origin is returned to: never another site, whatever was stored. */
export function safeReturnPath(path) {
  return typeof path === 'string' && path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\')
    ? path : '/';
}

/**
 * Goes to auth to sign in; the browser comes back to `returnTo` (this page by default) signed in. The verifier
 * stays in this tab (sessionStorage) and only its SHA-256 leaves it, so a code caught on the way is of no use.
 */
export async function signIn(returnTo = location.pathname + location.search) {
  if (!crypto.subtle) {
    // a page over plain http from another machine (./siren up --public) is not a secure context: no SHA-256 here
    const name = document.getElementById('account-name');
    if (name) {
      name.textContent = 'Signing in needs https, or this machine (localhost)';
      name.hidden = false;
    }
    return;
  }
  const verifier = randomString(32);
  const state = randomString(16);
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, returnTo: safeReturnPath(returnTo) }));
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: CLIENT_ID,
    redirect_uri: redirectUri(),
    code_challenge: await s256(verifier),
    code_challenge_method: 'S256',
    state,
  });
  location.assign(`/oauth2/authorize?${query}`);
}

/** Where the sign-in under way in this tab returns to ('/' when none is). */
export function pendingReturnPath() {
  try {
    return safeReturnPath(JSON.parse(sessionStorage.getItem(PENDING) ?? 'null')?.returnTo);
  } catch {
    return '/';
  }
}

/**
 * What signed-in.html does with auth's answer: checks the state against the sign-in this tab started, trades the
 * code and the verifier for an access token, keeps it, and returns the path to go back to. Throws an Error whose
 * message a person can read when any of that fails.
 */
export async function completeSignIn(parameters) {
  let pending = null;
  try {
    pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null');
  } catch {
    // not ours: as if none
  }
  sessionStorage.removeItem(PENDING); // a code is good once, and so is a state
  if (parameters.has('error')) {
    throw new Error(`Auth did not sign you in: ${parameters.get('error_description') ?? parameters.get('error')}.`);
  }
  if (!pending || !parameters.get('state') || parameters.get('state') !== pending.state) {
    throw new Error('This sign-in was not started in this tab, or it is already done.');
  }
  let response;
  try {
    response = await fetch('/oauth2/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: CLIENT_ID,
        code: parameters.get('code') ?? '',
        redirect_uri: redirectUri(),
        code_verifier: pending.verifier,
      }),
    });
  } catch {
    throw new Error('SirenOrder cannot be reached. Check your connection.');
  }
  const answer = await response.json().catch(() => ({}));
  if (!response.ok || !answer.access_token || !claims(answer.access_token)) {
    throw new Error(`Auth did not give a token (${answer.error_description ?? answer.error ?? response.status}).`);
  }
  sessionStorage.setItem(TOKEN, answer.access_token);
  return pending.returnTo;
}

/**
 * Who is signed in in this tab: `{ token, name, roles, expiresAt }`, or null. A token about to expire counts as
 * none (and is forgotten); `lapsed` then says there was one, so a page can sign in again.
 */
export function currentUser() {
  const token = sessionStorage.getItem(TOKEN);
  if (!token) return null;
  const payload = claims(token);
  const expiresAt = (payload?.exp ?? 0) * 1000;
  if (expiresAt - EXPIRY_MARGIN_MILLIS <= Date.now()) {
    sessionStorage.removeItem(TOKEN);
    lapsed = true;
    return null;
  }
  const roles = Array.isArray(payload.roles) ? payload.roles : [];
  const isClerk = roles.includes('clerk');
  const isCustomer = roles.includes('customer');
  const role = isClerk ? 'clerk' : isCustomer ? 'customer' : 'no role';
  return { token, name: payload.sub, roles, role, isClerk, isCustomer, expiresAt };
}

/** Whether this tab had a token that has expired since (found out by currentUser). */
export const hasLapsed = () => lapsed;

/**
 * Signs in again, by itself (the token expired, or the API refused it with 401): auth's session usually still
 * knows the person, so they come straight back to this page. Returns false, forgetting the token, when it did so
 * less than a minute ago: then a new token does not help, and the page offers the sign-in button instead.
 */
export function signInAgain() {
  sessionStorage.removeItem(TOKEN);
  const last = Number(sessionStorage.getItem(LAST_AUTOMATIC) ?? 0);
  if (Date.now() - last < AUTOMATIC_SIGN_IN_PAUSE_MILLIS) return false;
  sessionStorage.setItem(LAST_AUTOMATIC, String(Date.now()));
  signIn();
  return true;
}

/** Signs in again shortly before the token expires, if this page is still open then. */
export function renewBeforeExpiry(user) {
  if (!user) return;
  setTimeout(() => signInAgain(), Math.max(0, user.expiresAt - EXPIRY_MARGIN_MILLIS - Date.now()));
}

/**
 * Signs out: this tab forgets the token, and auth's own session (its cookie) ends too, so that the next "Sign in"
 * asks for a name and a password again rather than signing the same person straight back in. Auth's logout is
 * Spring Security's: a POST with the CSRF token from its logout page. Should that fail, the token is gone anyway.
 */
export async function signOut() {
  sessionStorage.removeItem(TOKEN);
  sessionStorage.removeItem(PENDING);
  try {
    const page = await fetch('/logout', { headers: { Accept: 'text/html' } });
    const form = new DOMParser().parseFromString(await page.text(), 'text/html');
    const csrf = form.querySelector('input[name="_csrf"]')?.value;
    if (page.ok && csrf) {
      await fetch('/logout', { method: 'POST', body: new URLSearchParams({ _csrf: csrf }) });
    }
  } catch {
    // auth unreachable: its session ends by itself
  }
}

/**
 * The account corner of a page's bar: "Sign in", or the name and role signed in and "Sign out"; signing out
 * reloads the page, which then shows what anyone may see.
 */
export function showAccount(user) {
  const name = document.getElementById('account-name');
  const signInButton = document.getElementById('sign-in');
  const signOutButton = document.getElementById('sign-out');
  name.hidden = !user;
  signOutButton.hidden = !user;
  signInButton.hidden = Boolean(user);
  if (user) {
    name.textContent = `${user.name} (${user.role})`;
  }
  signInButton.addEventListener('click', () => signIn());
  signOutButton.addEventListener('click', async () => {
    signOutButton.disabled = true;
    await signOut();
    location.reload();
  });
}
