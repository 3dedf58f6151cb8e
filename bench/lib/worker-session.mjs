// A CDP session with a page's dedicated worker. Playwright gives CDP sessions to pages and
// frames only, so this attaches to the worker target through the browser-level session
// (Target.attachToTarget without flatten) and exchanges messages with
// Target.sendMessageToTarget / Target.receivedMessageFromTarget.

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The first worker whose script URL starts with `urlPrefix`, attached; undefined when none. */
export async function attachWorker(bs, urlPrefix) {
  const { targetInfos } = await bs.send('Target.getTargets');
  const target = targetInfos.find((t) => t.type === 'worker' && t.url.startsWith(urlPrefix));
  if (!target) return undefined;
  const { sessionId } = await bs.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
  const waiting = new Map();
  let nextId = 1;
  const onMessage = (e) => {
    if (e.sessionId !== sessionId) return;
    const m = JSON.parse(e.message);
    const settle = waiting.get(m.id);
    if (!settle) return;
    waiting.delete(m.id);
    if (m.error) settle.reject(new Error(`${m.error.message} (worker ${m.error.code})`));
    else settle.resolve(m.result);
  };
  bs.on('Target.receivedMessageFromTarget', onMessage);
  return {
    url: target.url,
    /** Sends a CDP command to the worker; rejects after `timeoutMs` (a busy worker answers late). */
    async send(method, params = {}, timeoutMs = 10_000) {
      const id = nextId++;
      const answer = new Promise((resolve, reject) => waiting.set(id, { resolve, reject }));
      await bs.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
      const late = sleep(timeoutMs).then(() => {
        waiting.delete(id);
        throw new Error(`the worker did not answer ${method} within ${timeoutMs / 1000} s`);
      });
      return Promise.race([answer, late]);
    },
    async detach() {
      bs.off('Target.receivedMessageFromTarget', onMessage);
      await bs.send('Target.detachFromTarget', { sessionId }).catch(() => {});
    },
  };
}

/** Waits up to `timeoutMs` for the worker to exist, polling its target every 20 ms, and attaches. */
export async function waitForWorker(bs, urlPrefix, timeoutMs) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const w = await attachWorker(bs, urlPrefix);
    if (w || Date.now() > end) return w;
    await sleep(20);
  }
}
