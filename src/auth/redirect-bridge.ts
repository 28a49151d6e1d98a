// The script of redirect.html, where every pop-up, hidden-iframe and redirect sign-in ends. MSAL
// v5 needs this page to hand the answer back to the app: over a BroadcastChannel for pop-ups and
// iframes, by navigating back for redirects. The page must be served without a
// Cross-Origin-Opener-Policy header, or the pop-up loses its way back to the app.
import { broadcastResponseToMainFrame } from '@azure/msal-browser/redirect-bridge';
import { bridgeMessage } from './bridge-message.ts';

// Read before MSAL runs: on an answer it cannot use, it wipes the query and hash from the URL.
const { search, hash } = window.location;

broadcastResponseToMainFrame().catch(() => {
  // Not an answer MSAL started (opened directly, or the admin-consent page returning here).
  const status = document.getElementById('status');
  if (status !== null) status.textContent = bridgeMessage(search, hash);
});
