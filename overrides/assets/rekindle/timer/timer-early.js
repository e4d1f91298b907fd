// Presses made before the timer's module has loaded, kept with their moment. The turn-timer
// fence (rekindle.tools.timer.fence) inlines this right under the page's title, so it
// listens before any timer control can be seen; on a slow first visit the module can take
// seconds. Start, Pause and Resume show at once and the first turn's clock runs here (its
// length is on the page); "Start a session" opens the full-screen view. timer.js takes over
// on mount: it stops this clock and replays the presses with their moments. Material runs a
// new page's inline scripts after instant navigation; the listener is added once.
(() => {
  const early = (window.__rkTimerEarly ??= { presses: [], clocks: {} });
  if (early.listening) return;
  early.listening = true;
  // The page's monotonic clock (timer-clock.js reads the same anchor).
  early.anchor = Date.now() - performance.now();
  const now = () => Math.round(early.anchor + performance.now());
  const LABELS = { running: "Pause", paused: "Resume" };

  const show = (root, left, turnMs) => {
    const seconds = Math.ceil(Math.max(0, left) / 1000);
    const clock = root.querySelector("[data-rk-clock]");
    const progress = root.querySelector("[data-rk-progress]");
    clock.textContent = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
    progress.value = 1 - Math.max(0, left) / turnMs;
  };

  early.stop = (id) => {
    clearInterval(early.clocks[id]?.interval);
    delete early.clocks[id];
  };

  const toggle = (root, at) => {
    const turnMs = JSON.parse(root.dataset.rkView).turn_ms;
    const clock = (early.clocks[root.id] ??= { left: turnMs, since: null, interval: null });
    if (clock.since === null) {
      clock.since = at;
      clock.interval = setInterval(() => show(root, clock.left - (now() - clock.since), turnMs), 250);
    } else {
      clock.left = Math.max(1, clock.left - (at - clock.since));
      clock.since = null;
      clearInterval(clock.interval);
    }
    const phase = clock.since === null ? "paused" : "running";
    root.dataset.phase = phase;
    root.querySelector('[data-rk-action="toggle"]').textContent = LABELS[phase];
    show(root, clock.since === null ? clock.left : clock.left - (now() - clock.since), turnMs);
  };

  const open = (root) => {
    document.documentElement.classList.add("rk-session-open");
    root.classList.add("rk-timer--session");
  };

  document.addEventListener(
    "click",
    (event) => {
      const target = event.target instanceof Element ? event.target : null;
      const opener = target?.closest("[data-rk-open-session]");
      const button = target?.closest('.rk-timer [data-rk-action="toggle"]');
      const byId = opener && document.getElementById(opener.dataset.rkOpenSession || "");
      const root = byId || (opener || button)?.closest(".rk-timer");
      if (!root || root.dataset.rkMounted) return;
      const at = now();
      event.preventDefault();
      early.presses.push({ id: root.id, action: opener ? "open" : "toggle", at });
      if (opener) open(root);
      else toggle(root, at);
    },
    true,
  );
})();
