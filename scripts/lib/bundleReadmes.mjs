// The README.txt inside each download of `npm run bundle`: first start, the operating system's
// warning for an unsigned program, installing the app, and where the library lives.

const COMMON_AFTER = `
Installing it as an app
  In Chrome or Edge, click the install icon at the right end of the address bar
  ("Install rbassist"), or open the browser menu → "Cast, save and share" → "Install page as app".
  The installed app still needs this launcher running: start the launcher first, then the app.

Your library
  The browser keeps rbassist's library for the address it was opened at
  (http://127.0.0.1:4173/ on a first start). The launcher remembers that address and uses it every
  time. If another program holds that port, the launcher uses the next free one for this session and
  says so; the library there starts empty until you close the other program and start rbassist
  again. rbassist only ever reads your music folder; it never writes to it.

Stopping it
  Close the launcher's window, or press Ctrl+C in it.

What it is
  The launcher is a small web server (Node.js with rbassist's server script built in) that serves the
  "app" folder next to it, on this computer only (127.0.0.1: nothing on your network can reach it).
  Keep the launcher and the "app" folder together.
`;

export const BUNDLE_READMES = {
  'win-x64': `rbassist for Windows (64-bit)

Starting it
  1. Unzip the download (right-click → "Extract All…"). Do not run it from inside the zip.
  2. Double-click rbassist.exe in the rbassist folder. A small black window opens and your browser
     shows rbassist. Use Chrome or Edge (other browsers cannot read a music folder).

First start: "Windows protected your PC" (SmartScreen)
  rbassist.exe is not signed with a paid certificate, so Windows warns the first time.
  Click "More info", then "Run anyway". Windows remembers the choice.
  If Smart App Control is on (Windows 11), it may block unsigned programs outright; then run
  rbassist from a browser-hosted copy instead (see the main README), or turn Smart App Control off.
  The firewall does not ask: rbassist only listens on this computer.
${COMMON_AFTER}`,
  'macos-arm64': macReadme('Apple silicon (M1 and later)'),
  'macos-x64': macReadme('Intel'),
  'linux-x64': `rbassist for Linux (x86-64)

Starting it
  1. Unzip the download.
  2. Double-click "rbassist" in the rbassist folder. If your file manager opens it as a file instead,
     right-click → "Run as a program" (or allow "Executable as program" in its properties), or run
     ./rbassist in a terminal. Your browser shows rbassist. Use Chrome, Chromium or Edge.
  Started without a terminal, there is no window: stop it with "pkill -f rbassist/rbassist", or log out.
${COMMON_AFTER}`,
};

function macReadme(kind) {
  return `rbassist for macOS (${kind})

Starting it
  1. Unzip the download (double-click the zip) and move the rbassist folder where you like.
  2. Double-click "rbassist" in the rbassist folder. Terminal opens a window running it, and your
     browser shows rbassist. Use Chrome or Edge (Safari cannot read a music folder).

First start: "rbassist cannot be opened because Apple cannot check it" (Gatekeeper)
  The launcher is not notarised by Apple (it carries an ad-hoc signature only), so macOS blocks it the
  first time. Click "Done" (or "OK"), then open System Settings → Privacy & Security, scroll to
  "rbassist was blocked…" and click "Open Anyway", and confirm. macOS remembers the choice.
  On macOS 14 and older, right-click (Control-click) rbassist → "Open" → "Open" also works.
  Alternatively, in Terminal:  xattr -dr com.apple.quarantine /path/to/rbassist
${COMMON_AFTER}`;
}
