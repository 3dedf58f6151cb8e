// Frame rate while wheel-scrolling an element for 2 s, counted with requestAnimationFrame.

/** Wheel-scrolls the element with data-testid=`testId` for `ms`; throws when it did not move. */
export async function wheelScrollFps(page, testId, ms = 2000) {
  await page.waitForTimeout(300);
  const box = await page.getByTestId(testId).boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.evaluate(() => {
    window.__frames = [];
    const loop = (t) => {
      window.__frames.push(t);
      if (window.__frames.length < 100_000) window.__raf = requestAnimationFrame(loop);
    };
    window.__raf = requestAnimationFrame(loop);
  });
  const end = Date.now() + ms;
  while (Date.now() < end) await page.mouse.wheel(0, 120);
  const { frames, scrolledPx } = await page.evaluate((id) => {
    cancelAnimationFrame(window.__raf);
    return { frames: window.__frames, scrolledPx: document.querySelector(`[data-testid="${id}"]`)?.scrollTop ?? 0 };
  }, testId);
  if (scrolledPx <= 0) throw new Error(`the wheel did not scroll ${testId}`);
  const gaps = frames
    .slice(1)
    .map((t, i) => t - frames[i])
    .sort((a, b) => a - b);
  return {
    fps: ((frames.length - 1) / (frames[frames.length - 1] - frames[0])) * 1000,
    p95FrameMs: gaps[Math.floor(gaps.length * 0.95)] ?? 0,
    scrolledPx,
  };
}
