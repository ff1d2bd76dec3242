// The step player: play to the end, stepping by keyboard on the page and on
// the player's controls, Space, keys inside grids and fields, the URL's
// step, partial outputs during an animation, reduced motion.
import assert from 'node:assert/strict';
import {
  ARTICLE,
  assertClean,
  conv2d,
  convTranspose2d,
  gotoApp,
  openApp,
  player,
  readGrid,
  until,
  urlParams,
  waitForStep,
  waitForUrlParam,
} from './helpers.mjs';

// A 4×4 input: 16 steps, so a slow player cannot finish during a test.
const X4 = '1,2,0,1;3,1,2,2;0,1,1,3;2,2,1,0';

async function blur(page) {
  await page.evaluate(() => {
    document.activeElement?.blur();
  });
}

async function isPlaying(page) {
  return page.evaluate(() => !!document.querySelector('[data-player] [data-action=pause]'));
}

async function pressAndExpectStep(page, key, want, where) {
  const before = await player(page);
  await page.keyboard.press(key);
  await waitForStep(page, want, 2000).catch(async () => {
    throw new Error(`${key} ${where}: data-step ${before.step} → ${(await player(page)).step}, expected ${want}`);
  });
}

export async function play_reaches_the_end_at_speed_4(t) {
  const s = await openApp(t, '/');
  const { page } = s;
  assert.deepEqual(await player(page), { step: 4, steps: 4 }, 'the article opens finished: step == steps == 4');
  await page.locator('select[data-control=speed]').selectOption('4');
  await page.locator('[data-player] [data-action=play]').click();
  await until(page, () => document.querySelector('[data-player]').dataset.step !== '4', null, 2000, 'play restarts from the beginning');
  await until(
    page,
    () => {
      const p = document.querySelector('[data-player]');
      return p.dataset.step === p.dataset.steps && p.querySelector('[data-action=play]');
    },
    null,
    10000,
    'playing reaches the end and stops',
  );
  assert.deepEqual(await gridValues(page), ARTICLE.output, 'the finished output');
  assert.equal(await isPlaying(page), false);
  await waitForUrlParam(page, 'speed', (v) => v === '4', 1500);
  assertClean(s, t.origin);
}

async function gridValues(page) {
  const g = await readGrid(page, 'output');
  return g.values.map((r) => r.map((v) => (v === null ? null : Number(v))));
}

export async function arrows_home_end_on_the_page_step_by_one(t) {
  const s = await openApp(t, `/?input=${X4}`);
  const { page } = s;
  const { steps } = await player(page);
  assert.equal(steps, 16);
  await blur(page);
  await pressAndExpectStep(page, 'ArrowLeft', 15, 'on the page');
  await pressAndExpectStep(page, 'ArrowLeft', 14, 'on the page');
  await pressAndExpectStep(page, 'ArrowRight', 15, 'on the page');
  await pressAndExpectStep(page, 'Home', 0, 'on the page');
  await pressAndExpectStep(page, 'ArrowLeft', 0, 'on the page at 0');
  await pressAndExpectStep(page, 'ArrowRight', 1, 'on the page');
  await pressAndExpectStep(page, 'End', 16, 'on the page');
  await pressAndExpectStep(page, 'ArrowRight', 16, 'on the page at the end');
  assertClean(s, t.origin);
}

export async function player_controls_step_by_one(t) {
  const s = await openApp(t, `/?input=${X4}&step=0`);
  const { page } = s;
  await waitForStep(page, 0);
  const scrubber = page.locator('input[data-control=scrubber]');
  await scrubber.focus();
  for (let i = 1; i <= 5; i++) await pressAndExpectStep(page, 'ArrowRight', i, 'on the scrubber');
  assert.equal(await scrubber.inputValue(), '5', 'the scrubber shows the position');
  await pressAndExpectStep(page, 'ArrowLeft', 4, 'on the scrubber');
  await pressAndExpectStep(page, 'End', 16, 'on the scrubber');
  await pressAndExpectStep(page, 'Home', 0, 'on the scrubber');
  // Dragging / setting the scrubber seeks.
  await scrubber.fill('7');
  await waitForStep(page, 7);

  // ←/→ on a player button step too (and leave focus where it was).
  const back = page.locator('[data-player] [data-action=back]');
  await back.focus();
  await pressAndExpectStep(page, 'ArrowRight', 8, 'on the back button');
  await pressAndExpectStep(page, 'ArrowLeft', 7, 'on the back button');
  // Space / Enter press the focused button.
  await pressAndExpectStep(page, 'Space', 6, 'Space on the back button (presses it)');
  await pressAndExpectStep(page, 'Enter', 5, 'Enter on the back button');
  assert.equal(await isPlaying(page), false, 'Space on a player button does not toggle play');
  const forward = page.locator('[data-player] [data-action=forward]');
  await forward.focus();
  await pressAndExpectStep(page, 'Space', 6, 'Space on the forward button');
  assert.equal(await isPlaying(page), false, 'Space on the forward button does not toggle play');
  // The speed select keeps its own arrow keys.
  const speed = page.locator('select[data-control=speed]');
  await speed.focus();
  await page.keyboard.press('ArrowDown');
  assert.equal((await player(page)).step, 6, 'ArrowDown on the speed select does not step');
  assertClean(s, t.origin);
}

export async function space_toggles_play_on_the_page(t) {
  const s = await openApp(t, `/?input=${X4}&step=0&speed=0.25`);
  const { page } = s;
  await waitForStep(page, 0);
  await blur(page);
  await page.keyboard.press('Space');
  await until(page, () => !!document.querySelector('[data-player] [data-action=pause]'), null, 2000, 'Space on the page starts playing');
  await page.keyboard.press('Space');
  await until(page, () => !!document.querySelector('[data-player] [data-action=play]'), null, 2000, 'Space on the page pauses');
  const paused = await player(page);
  assert.ok(paused.step < paused.steps, 'paused before the end');
  // The play button: Space presses it (plays), Space again presses the pause button.
  const play = page.locator('[data-player] [data-action=play]');
  await play.focus();
  await page.keyboard.press('Space');
  await until(page, () => !!document.querySelector('[data-player] [data-action=pause]'), null, 2000, 'Space on the play button plays');
  const focusedAction = await page.evaluate(() => document.activeElement?.dataset?.action ?? document.activeElement?.tagName);
  await page.keyboard.press('Space');
  await until(
    page,
    () => !!document.querySelector('[data-player] [data-action=play]'),
    null,
    2000,
    `Space again pauses (focus was on ${focusedAction} after the play button turned into pause)`,
  );
  assertClean(s, t.origin);
}

export async function keys_inside_grids_and_fields_do_not_move_the_player(t) {
  const s = await openApp(t, `/?input=${X4}&step=5`);
  const { page } = s;
  await waitForStep(page, 5);
  await page.locator('[data-grid=input] [data-row="1"][data-col="1"]').focus();
  for (const key of ['ArrowRight', 'ArrowLeft', 'ArrowDown', 'Home', 'End', 'Space']) {
    await page.keyboard.press(key);
    assert.equal((await player(page)).step, 5, `${key} inside the input grid must not move the player`);
  }
  // The grid's own cursor moved instead.
  const cell = await page.evaluate(() => document.activeElement?.closest('[data-grid]')?.dataset.grid);
  assert.equal(cell, 'input', 'focus stays inside the grid');
  await page.keyboard.press('Escape');

  const field = page.locator('input[data-param=padding][data-axis=h]');
  await field.focus();
  for (const key of ['ArrowLeft', 'ArrowRight', 'Home', 'End', 'Space']) {
    await page.keyboard.press(key);
    assert.equal((await player(page)).step, 5, `${key} inside the padding field must not move the player`);
  }
  // The output grid, which is not editable, keeps its arrow keys too.
  await page.locator('[data-grid=output] [data-row="0"][data-col="0"]').focus();
  await page.keyboard.press('ArrowRight');
  assert.equal((await player(page)).step, 5, 'ArrowRight inside the output grid must not move the player');
  assert.equal(
    await page.evaluate(() => document.activeElement?.dataset.col),
    '1',
    'ArrowRight moves the output grid cursor',
  );
  assertClean(s, t.origin);
}

export async function step_in_the_url_round_trips(t) {
  const s = await openApp(t, `/?input=${X4}&step=2`);
  const { page } = s;
  await waitForStep(page, 2);
  await waitForUrlParam(page, 'op', (v) => v !== null, 1500);
  assert.equal((await urlParams(page)).step, '2', 'the normalised URL keeps step=2');
  await page.reload();
  await page.waitForSelector('[data-player]');
  await waitForStep(page, 2);
  await blur(page);
  await page.keyboard.press('ArrowRight');
  await waitForStep(page, 3);
  await waitForUrlParam(page, 'step', (v) => v === '3', 1500);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await waitForStep(page, 5);
  await waitForUrlParam(page, 'step', (v) => v === '5', 1500); // the trailing write lands the last state
  await page.keyboard.press('End');
  await waitForStep(page, 16);
  await waitForUrlParam(page, 'step', (v) => v === null, 1500); // finished: no step parameter
  await page.reload();
  await page.waitForSelector('[data-player]');
  assert.deepEqual(await player(page), { step: 16, steps: 16 }, 'reload at the end stays finished');
  // A step beyond the end is clamped.
  await gotoApp(s, t.url(`/?input=${X4}&step=99`));
  assert.deepEqual(await player(page), { step: 16, steps: 16 });
  assertClean(s, t.origin);
}

export async function partial_outputs_during_the_animation(t) {
  // conv2d: at step p the first p+1 output cells (row-major) hold their final
  // values; later ones have no data-value yet.
  const x = [
    [1, 2, 0, 1, 3],
    [3, 1, 2, 2, 0],
    [0, 1, 1, 3, 2],
    [2, 2, 1, 0, 1],
  ];
  const w = [
    [1, 0, -1],
    [2, 1, 0],
  ];
  const full = conv2d(x, w);
  const q = (p) => `/?op=conv2d&input=${x.map((r) => r.join(',')).join(';')}&kernel=${w.map((r) => r.join(',')).join(';')}&step=${p}`;
  const s = await openApp(t, q(0));
  const { page } = s;
  const steps = (await player(page)).steps;
  assert.equal(steps, full.length * full[0].length, 'conv2d: one step per output cell');
  for (const p of [0, 1, 4, steps - 1]) {
    if (p > 0) {
      await page.locator('input[data-control=scrubber]').fill(String(p));
      await waitForStep(page, p);
    }
    const got = await gridValues(page);
    const want = full.map((row, r) => row.map((v, c) => (r * full[0].length + c <= p ? v : null)));
    assert.deepEqual(got, want, `conv2d output at step ${p}`);
  }
  await page.locator('[data-player] [data-action=end]').click();
  await waitForStep(page, steps);
  assert.deepEqual(await gridValues(page), full, 'conv2d finished output');

  // conv_transpose2d: at step p the output holds the scatter of input cells 0..=p.
  await gotoApp(s, t.url('/?step=1'));
  const partial = ARTICLE.input.map((row, r) => row.map((v, c) => (r * 2 + c <= 1 ? v : 0)));
  assert.deepEqual(await gridValues(page), convTranspose2d(partial, ARTICLE.kernel), 'transposed output at step 1');
  // The current step is highlighted (no hover): input cell 1 and its 9 outputs.
  const active = await page.evaluate(() => ({
    input: [...document.querySelectorAll('[data-grid=input] [data-active=true]')].map((c) => `${c.dataset.row},${c.dataset.col}`),
    output: document.querySelectorAll('[data-grid=output] [data-active=true]').length,
  }));
  assert.deepEqual(active, { input: ['0,1'], output: 9 }, 'the animation step is the focus when nothing is hovered');
  assertClean(s, t.origin);
}

export async function reduced_motion_still_steps(t) {
  const s = await openApp(t, '/', { reducedMotion: 'reduce' });
  const { page } = s;
  assert.ok(await page.evaluate(() => matchMedia('(prefers-reduced-motion: reduce)').matches));
  await page.locator('select[data-control=speed]').selectOption('4');
  await page.locator('[data-player] [data-action=play]').click();
  await until(
    page,
    () => {
      const p = document.querySelector('[data-player]');
      return p.dataset.step === p.dataset.steps && p.querySelector('[data-action=play]');
    },
    null,
    10000,
    'playing reaches the end with reduced motion',
  );
  await page.locator('[data-player] [data-action=start]').click();
  await waitForStep(page, 0);
  await page.locator('[data-player] [data-action=forward]').click();
  await waitForStep(page, 1);
  assertClean(s, t.origin);
}
