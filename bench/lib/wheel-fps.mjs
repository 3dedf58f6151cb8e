// Wheel-scroll frame rate measured the way ../shared/perf/measure.mjs does (the yardstick of
// issue 16): the mouse over the middle of the scroller, a 100 px wheel event every 16 ms for
// 2 s (paced against the clock, not sent as fast as possible), then 250 ms for the last events
// to render; frame times by requestAnimationFrame over the whole time. fps = (frames - 1) / span.
// Like measure.mjs it touches the page only through page.evaluate and the mouse, never a
// Playwright locator: once a locator has injected Playwright's script into the page, the same
// test on the same 100k-span page reads 60 fps instead of 42 (measured 2026-12-01, 2 runs each),
// so a page that used a locator is not measured like the yardstick.

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function quantile(sorted, q) {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Scrolls the element matching `selector`; throws when it is missing or did not move. */
export async function paceWheelFps(page, selector, { ms = 2000, delta = 100, intervalMs = 16 } = {}) {
  const box = await page.evaluate((sel) => {
    const r = document.querySelector(sel)?.getBoundingClientRect();
    return r && r.width > 0 && r.height > 0 ? { x: r.x, y: r.y, width: r.width, height: r.height } : null;
  }, selector);
  if (!box) throw new Error(`nothing to scroll: ${selector} is not on screen`);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await sleep(300);
  const top0 = await page.evaluate((sel) => {
    const frames = [];
    window.__wheelFrames = frames;
    window.__wheelOn = true;
    const loop = (t) => {
      frames.push(t);
      if (window.__wheelOn) requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
    return document.querySelector(sel)?.scrollTop ?? 0;
  }, selector);
  const t0 = Date.now();
  let sent = 0;
  while (Date.now() - t0 < ms) {
    await page.mouse.wheel(0, delta);
    sent++;
    const wait = t0 + sent * intervalMs - Date.now();
    if (wait > 0) await sleep(wait);
  }
  await sleep(250);
  const { frames, top } = await page.evaluate((sel) => {
    window.__wheelOn = false;
    return { frames: window.__wheelFrames, top: document.querySelector(sel)?.scrollTop ?? 0 };
  }, selector);
  if (top - top0 <= 0) throw new Error(`the wheel did not scroll ${selector}`);
  const gaps = [];
  for (let i = 1; i < frames.length; i++) gaps.push(frames[i] - frames[i - 1]);
  gaps.sort((a, b) => a - b);
  const span = frames.length > 1 ? frames[frames.length - 1] - frames[0] : 0;
  return {
    fps: span > 0 ? ((frames.length - 1) * 1000) / span : NaN,
    p50FrameMs: quantile(gaps, 0.5),
    p95FrameMs: quantile(gaps, 0.95),
    maxFrameMs: gaps.length > 0 ? gaps[gaps.length - 1] : NaN,
    wheelEvents: sent,
    scrolledPx: top - top0,
  };
}
