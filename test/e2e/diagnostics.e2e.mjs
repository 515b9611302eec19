// End-to-end: what a person sees in the real workbench when a workflow has mistakes, and the
// quick fix they reach with Ctrl+. on the squiggle.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openSession } from './workbench.mjs';

let s;
before(async () => { s = await openSession({ name: 'diagnostics' }); });
after(async () => { await s?.close(); });

test('the Problems panel lists our findings with codes and fix-it messages', async () => {
  await s.quickOpen('mistakes.workflow.json');
  await s.waitForActivation();
  const rows = await s.problemsUntil((r) => r.some((t) => t.includes('Unknown block type')));
  const text = rows.join('\n');
  assert.match(text, /Did you mean `?roboflow_core\/roboflow_object_detection_model@v2/);
  assert.match(text, /\$inputs\.imgae/);
  assert.match(text, /unknown-block-type/);
  await s.screenshot('problems');
});

test('Ctrl+. on the misspelled input offers the rename, and applying it clears the problem', async () => {
  // Click inside "imgae" (the end of the "$inputs.imgae" token), as a person would, then Ctrl+.
  const token = s.page.locator('.editor-instance .view-lines span', { hasText: '$inputs.imgae' }).last();
  const fix = s.page.locator('.action-widget .monaco-list-row', { hasText: 'Change to image' });
  // On a loaded machine the layout can still move under the click (a panel opening), or the menu can
  // open on what was under the cursor before: click again and reopen it, as a person would.
  for (let attempt = 1; ; attempt++) {
    const box = await token.boundingBox();
    await s.page.mouse.click(box.x + box.width - 12, box.y + box.height / 2);
    await s.page.locator('.editor-instance .monaco-editor.focused').first().waitFor();
    await s.page.keyboard.press('Control+.');
    try {
      await fix.first().waitFor({ timeout: 10_000 });
      break;
    } catch (error) {
      await s.screenshot(`quick-fix-attempt-${attempt}`);
      if (attempt === 3) throw error;
      await s.page.keyboard.press('Escape');
    }
  }
  await s.screenshot('quick-fix');
  await fix.first().click();
  const editorText = () => s.page.locator('.editor-instance .monaco-editor .view-lines').first().innerText();
  for (let attempt = 0; attempt < 40 && (await editorText()).includes('imgae'); attempt++) await s.page.waitForTimeout(100);
  assert.ok(!(await editorText()).includes('imgae'), 'the fix did not change the text');
  const row = s.page.locator('.markers-panel .monaco-list-row', { hasText: 'imgae' });
  await row.first().waitFor({ state: 'detached', timeout: 10_000 });
});
