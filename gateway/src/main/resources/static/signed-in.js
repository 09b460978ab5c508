import { completeSignIn, pendingReturnPath, signIn } from '/auth.js';

// Where auth sends the browser back to (the redirect URI registered for siren-web), with a code and the state the
// sign-in started with: the code becomes an access token, and the browser goes back to the page that asked,
// replacing this one in the history so that Back does not come here with a code already spent.
const parameters = new URLSearchParams(location.search);
const returnTo = pendingReturnPath();

try {
  location.replace(await completeSignIn(parameters));
} catch (error) {
  document.getElementById('signing-in-title').textContent = 'Not signed in';
  document.getElementById('signing-in-outcome').textContent = error.message;
  document.getElementById('signing-in-failed').hidden = false;
  document.getElementById('go-back').href = returnTo;
  document.getElementById('try-again').addEventListener('click', () => signIn(returnTo));
}
