// Playwright helpers for end-to-end UI tests against the code-server web workbench (VS Code 1.139).
// A session = fresh workspace copy + throw-away profile + code-server + Chromium page with this
// repository loaded as a development extension (payload `extensionDevelopmentPath`).
//
//   import { test, before, after } from 'node:test';
//   import { openSession } from './workbench.mjs';
//   let s; before(async () => { s = await openSession({ name: 'my-test' }); }); after(() => s?.close());
//   test('…', async () => { await s.quickOpen('clean.workflow.json'); await s.screenshot('opened'); });
import fs from 'node:fs';
import path from 'node:path';
import {
  extensionId, launchBrowser, linkExtension, prepareProfile, prepareWorkspace, repoRoot, runRoot, screenshotsDir, startCodeServer, waitForWorkbench,
} from './codeServer.mjs';

/**
 * @param {{name: string, workspace?: string, settings?: object, extension?: 'development'|'installed'|'none',
 *   viewport?: {width: number, height: number}, verbose?: boolean}} options
 *   name: folder under .test-run/e2e/ and screenshot prefix; workspace: folder to open (default: a
 *   fresh copy of test/fixtures/workspace); settings: user settings on top of DEFAULT_SETTINGS;
 *   extension: how this repository is loaded: 'development' (default; payload
 *   extensionDevelopmentPath, window titled "[Extension Development Host]"), 'installed' (linked into
 *   the extensions folder like an installed vsix) or 'none'.
 */
export async function openSession({ name, workspace, settings = {}, extension = 'development', viewport, verbose = !!process.env.CS_VERBOSE, workspaceTrust = false }) {
  if (!name) throw new Error('openSession needs a name');
  if (!['development', 'installed', 'none'].includes(extension)) throw new Error(`unknown extension mode ${extension}`);
  const ws = workspace ?? prepareWorkspace(`e2e/${name}/workspace`);
  const profile = prepareProfile(`e2e/${name}/profile`, workspaceTrust ? { ...settings, 'security.workspace.trust.enabled': true } : settings);
  if (extension === 'installed') linkExtension(profile.extensionsDir);
  const server = await startCodeServer({ workspace: ws, ...profile, echo: verbose, workspaceTrust });
  let browser;
  try {
    browser = await launchBrowser({ home: profile.home, tmpDir: profile.tmpDir, viewport });
  } catch (err) {
    await server.stop();
    throw err;
  }
  const { page, context } = browser;
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e));
  if (verbose) page.on('console', (m) => console.error(`[workbench ${m.type()}] ${m.text()}`));
  page.setDefaultTimeout(20_000);

  const session = {
    name, server, page, context, browser, workspace: ws, profile, pageErrors,
    /** Opens a file by (base)name through Quick Open (Ctrl+P) and waits for its tab. */
    quickOpen: (fileName) => quickOpen(page, fileName),
    /** Runs a command palette (F1) command by its title. */
    runCommand: (title) => runCommand(page, title),
    /** Shows the Explorer with the view whose header reads `title` expanded, until `content` is visible. */
    showExplorerView: (title, content) => showExplorerView(session, title, content),
    /** Opens the Problems panel; returns the texts of its rows. */
    problems: () => problems(page),
    problemsUntil: (predicate, timeoutMs) => problemsUntil(page, predicate, timeoutMs),
    /** Texts of the visible code lenses. */
    codeLenses: () => codeLenses(page),
    /** FrameLocator for the content of the active webview (e.g. a preview panel). */
    webview: () => webviewFrame(page),
    /** Saves .test-run/screenshots/<name>-<label>.png and returns its path. */
    screenshot: (label) => screenshot(page, `${name}-${label}`),
    /** Text of the extension host log (server side), e.g. to check activation. */
    extensionHostLog: () => extensionHostLog(profile.userDataDir),
    /** Waits until the extension host log says this extension was activated. */
    waitForActivation: (timeoutMs) => waitForActivation(profile.userDataDir, timeoutMs),
    async close() {
      await browser.close();
      await server.stop();
    },
  };
  try {
    await page.goto(server.workbenchUrl({ folder: ws, extensionDevelopmentPath: extension === 'development' ? repoRoot : false }));
    await waitForWorkbench(page);
  } catch (err) {
    await session.screenshot('startup-failure').catch(() => {}); // best effort: the startup error is what is thrown
    await session.close();
    throw err;
  }
  return session;
}

export async function quickOpen(page, fileName) {
  await focusWorkbench(page);
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(fileName);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: fileName }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator(`.tab:has-text("${fileName}")`).first().waitFor();
  await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor();
}

export async function runCommand(page, title) {
  const input = page.locator('.quick-input-widget input');
  // The palette closes when something takes focus back (a webview that was focused settles late on
  // a loaded machine): open it again until the command is typed into an open palette.
  for (let attempt = 1; ; attempt++) {
    await focusWorkbench(page);
    await page.keyboard.press('F1');
    try {
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      await input.fill(`>${title}`, { timeout: 5_000 });
      await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 10_000 });
      break;
    } catch (error) {
      if (attempt === 3) throw error;
      await page.keyboard.press('Escape');
    }
  }
  // Some commands (a reload) take the page away before the palette is seen to close: either counts.
  let navigated = false;
  const onNavigated = (frame) => { if (frame === page.mainFrame()) navigated = true; };
  page.on('framenavigated', onNavigated);
  try {
    await page.keyboard.press('Enter');
    // A command may open its own quick pick in the same widget at once, so "closed" means no
    // visible input still holding the typed command (`>…`), not a hidden widget.
    await page.waitForFunction(() => {
      const field = document.querySelector('.quick-input-widget input');
      return !field || field.offsetParent === null || !field.value.startsWith('>');
    }, null, { timeout: 30_000 }).catch((error) => {
      if (!navigated) throw new Error(`the command palette did not close after running "${title}": ${error.message}`);
    });
  } finally {
    page.off('framenavigated', onNavigated);
  }
}

/**
 * Switches the colour theme the way that works in this workbench: saved from its own settings
 * editor (it ignores a theme written into settings.json before it starts, and the theme picker's
 * filter races its list). The whole file is replaced, so the edit does not depend on the cursor.
 * `workbenchClass` is the class the workbench takes once the theme is applied (`hc-black`).
 */
export async function useColorTheme(session, theme, workbenchClass) {
  const settingsFile = path.join(session.profile.userDataDir, 'User/settings.json');
  const settings = { ...JSON.parse(fs.readFileSync(settingsFile, 'utf8')), 'workbench.colorTheme': theme };
  await runCommand(session.page, 'Preferences: Open User Settings (JSON)');
  await session.page.locator('.tab', { hasText: 'settings.json' }).first().waitFor();
  await session.page.locator('.editor-instance .monaco-editor .view-lines').last().click();
  await session.page.keyboard.press('Control+A');
  await session.page.keyboard.insertText(JSON.stringify(settings));
  await session.page.keyboard.press('Control+S');
  await session.page.locator(`.monaco-workbench.${workbenchClass}`).waitFor({ timeout: 30_000 });
}

export async function showExplorerView(session, title, content) {
  const header = session.page.locator('.pane-header', { hasText: title }).first();
  // A loaded workbench may still be laying the Explorer out when the header is clicked (the click
  // then lands on a moving pane, or VS Code restores the pane's state after it): look, and again.
  for (let attempt = 1; ; attempt++) {
    await runCommand(session.page, 'View: Show Explorer');
    await header.waitFor();
    if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
    try {
      await content.waitFor({ timeout: 10_000 });
      return;
    } catch (error) {
      await session.screenshot(`view-attempt-${attempt}`);
      if (attempt === 3) throw error;
    }
  }
}

export async function problems(page) {
  // Ctrl+Shift+M toggles: press it only while the panel is hidden, or a second read would close it.
  if (!(await page.locator('.markers-panel').first().isVisible())) {
    await focusWorkbench(page);
    await page.keyboard.press('Control+Shift+M');
  }
  await page.locator('.markers-panel').first().waitFor();
  return page.locator('.markers-panel .monaco-list-row').allInnerTexts();
}

/** Rows of the Problems panel once `predicate(rows)` holds (diagnostics arrive after a debounce). */
export async function problemsUntil(page, predicate, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  let rows = await problems(page);
  while (!predicate(rows)) {
    if (Date.now() > deadline) throw new Error(`Problems panel never matched; last rows:\n${rows.join('\n')}`);
    await page.waitForTimeout(250);
    rows = await problems(page);
  }
  return rows;
}

export async function codeLenses(page) {
  return page.locator('.codelens-decoration').allInnerTexts();
}

export function webviewFrame(page) {
  return page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
}

export async function screenshot(page, label) {
  fs.mkdirSync(screenshotsDir, { recursive: true });
  const file = path.join(screenshotsDir, `${label.replace(/[^\w.-]+/g, '_')}.png`);
  await page.screenshot({ path: file });
  return file;
}

async function focusWorkbench(page) {
  // keyboard shortcuts need focus inside the workbench (not on the page body after load)
  // Focus inside a webview (an iframe) is not the workbench's: its keys go to the webview first.
  const active = await page.evaluate(() => !!document.activeElement?.closest('.monaco-workbench') && document.activeElement?.tagName !== 'IFRAME');
  if (!active) await page.locator('.monaco-workbench .part.editor').first().click({ position: { x: 5, y: 5 } });
}

export function extensionHostLog(userDataDir) {
  const logs = path.join(userDataDir, 'logs');
  if (!fs.existsSync(logs)) return '';
  return fs.readdirSync(logs, { recursive: true })
    .filter((f) => /(^|\/)(remote)?exthost\.log$/.test(f))
    .map((f) => fs.readFileSync(path.join(logs, f), 'utf8'))
    .join('\n');
}

export async function waitForActivation(userDataDir, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  const re = new RegExp(`ExtensionService#_doActivateExtension ${extensionId.replace(/\./g, '\\.')}\\b`);
  while (!re.test(extensionHostLog(userDataDir))) {
    if (Date.now() > deadline) throw new Error(`${extensionId} was not activated within ${timeoutMs} ms (extension host log under ${userDataDir}/logs)`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export { runRoot };
