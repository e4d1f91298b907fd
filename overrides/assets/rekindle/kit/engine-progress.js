// The engine's first download, told to the reader, and the reader's wish to save data.
//
// The worker counts the bytes its fetches deliver (engine-worker.js, "progress" messages);
// those are decoded bytes, while the wire carries them gzipped, so the figure shown is
// scaled to the wire: ENGINE.raw decoded bytes arrive as about ENGINE.wire bytes on the wire
// (the built site's files as GitHub Pages serves them; tests/site/test_engine_progress.py
// keeps both within 10% of a real build). Files already in the browser's cache count too,
// and go by quickly.
//
// Save-Data (`navigator.connection.saveData`, a phone's data saver): nothing of the engine
// is fetched until the reader asks, with a button that says how much it costs.

export const ENGINE = { raw: 11_300_000, wire: 5_500_000 };

// Whether the reader asked to save data: `saveDataOn` in scope.js, which every page loads
// anyway (offline.js asks it too), so text pages never fetch this file.

const megabytes = (bytes) => (bytes / 1_000_000).toFixed(1);

/** The wire bytes so far for `loaded` decoded bytes, never more than the whole. */
export function onTheWire(loaded) {
  return Math.min(ENGINE.wire, Math.round((loaded / ENGINE.raw) * ENGINE.wire));
}

/** E.g. "Getting the timer ready: 2.1 of 5.5 MB". */
export function progressText(label, loaded) {
  return `${label}: ${megabytes(onTheWire(loaded))} of ${megabytes(ENGINE.wire)} MB`;
}

/** E.g. "Load the timer, 5.5 MB". */
export function loadLabel(words) {
  return `${words}, ${megabytes(ENGINE.wire)} MB`;
}

/**
 * Show the engine's download in `root`: words in its `[data-rk-status]` line and a
 * `<progress data-rk-download>` while it loads; a `[data-rk-load]` button while Save-Data
 * holds it. `words`: {progress: "Getting the timer ready", load: "Load the timer"}.
 * Returns the function that stops.
 */
export function watchDownload(root, engine, words) {
  const status = root.querySelector("[data-rk-status]");
  const bar = root.querySelector("[data-rk-download]");
  const load = root.querySelector("[data-rk-load]");
  const onLoad = () => engine.allow();
  if (load) {
    load.textContent = loadLabel(words.load);
    load.addEventListener("click", onLoad);
  }
  const stopState = engine.subscribe((state) => {
    if (load) load.hidden = state !== "held";
    if (bar) bar.hidden = state !== "loading" || !engine.progress;
  });
  const stopProgress = engine.watchProgress((loaded) => {
    if (engine.state !== "loading") return;
    if (status) status.textContent = progressText(words.progress, loaded);
    if (bar) {
      bar.hidden = false;
      bar.max = ENGINE.wire;
      bar.value = onTheWire(loaded);
    }
  });
  return () => {
    stopState();
    stopProgress();
    load?.removeEventListener("click", onLoad);
  };
}
