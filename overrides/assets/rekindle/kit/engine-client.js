// The page's side of the engine: one module worker per visit, shared by every widget and
// kept alive across Material's instant navigation (this module is evaluated once).
//
// Calls made before the engine is ready wait in a queue; the caller's arguments already
// carry the time the reader acted, so nothing is lost or shifted. If the worker cannot
// start or stops answering, every widget hears "error" and can offer Retry; calls still
// queued are sent after a successful retry. A call that was in flight when the worker
// crashed is never sent again: it may be what crashed it (crafted saved data did, on every
// retry), so it is answered with an error its tool shows, and the tool carries on.
//
// Nothing goes to the worker that breaks the limits in shape.js (depth, size): such a call
// is refused here, in words, before it can crash anything.
//
// With Save-Data on, the engine is "held": nothing of it downloads until the reader asks
// (allow); calls wait in the queue meanwhile. While it downloads, the worker reports the
// bytes it has received (watchProgress; engine-progress.js turns them into words).
//
// The worker runs under the page's own Content-Security-Policy (see startWorker), and its
// memory snapshot is kept under this copy's name (scope.js) and forgotten with everything
// else (forget.js).

import { forgotInThisTab, onForget } from "./forget.js";
import { saveDataOn, SNAPSHOT_CACHE } from "./scope.js";
import { REFUSED, problemWith } from "./shape.js";

export const PYODIDE_VERSION = "314.0.7"; // tests check this equals package.json's pin
export const PYODIDE_URL = new URL(`../../pyodide/${PYODIDE_VERSION}/`, import.meta.url).href;
const WORKER_URL = new URL("engine-worker.js", import.meta.url);
const SNAPSHOT_WORKER_URL = new URL("engine-worker.js?purpose=snapshot", import.meta.url);
const CALL_TIMEOUT_MS = 15000; // a warm call takes milliseconds; silence this long is a crash

const FRIENDLY = {
  crash: "The tool stopped unexpectedly.",
  boot: "The tool could not start.",
  notRetried:
    "The tool stopped while doing this, so it was not tried again (it may be what stopped " +
    "it). Everything else you entered is kept.",
  unsendable: "This could not be handed to the tool, so it was not used.",
};

/**
 * A module worker for `url`, started from a blob: URL that imports it. A dedicated worker
 * takes its Content-Security-Policy from its script's response headers, and GitHub Pages
 * sends none, so a worker started from our own URL ran with no policy at all: any request
 * to any host, and eval. A worker whose URL is local (blob:) inherits the policy of the
 * page that starts it (HTML's policy container), so the engine runs under the page's CSP:
 * requests to the site only, no eval, WebAssembly allowed ('wasm-unsafe-eval'). The page's
 * policy allows blob: workers for this (worker-src, rekindle.site.csp). The fragment is
 * ignored when the blob loads; it names the real script in developer tools and tests.
 */
function startWorker(url, name) {
  const source = `import ${JSON.stringify(url.href)};\n`;
  const blob = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
  try {
    return new Worker(`${blob}#${url.href}`, { type: "module", name });
  } finally {
    URL.revokeObjectURL(blob); // the worker holds what it needs once constructed
  }
}

class Engine {
  constructor() {
    this.state = "idle"; // idle | held | loading | ready | error
    this.held = saveDataOn(); // Save-Data: start only when the reader asks (allow)
    this.progress = 0; // bytes the worker's fetches have delivered so far
    this.progressListeners = new Set();
    this.message = "";
    this.worker = null;
    this.queue = [];
    this.inFlight = new Map();
    this.nextId = 1;
    this.listeners = new Set();
    this.bootMs = null;
    this.restored = false;
    this.restarts = 0;
    this.advice = ""; // what the status line tells the reader to do after an error (fail)
    this.compiled = null;
    this.snapshot = "none"; // none | scheduled | making | saved | failed | forgotten
    this.snapshotWorker = null;
    this.snapshotDone = Promise.resolve();
    onForget(() => this.forget());
  }

  /** Listen to state changes; returns the function that stops listening. */
  subscribe(listener) {
    this.listeners.add(listener);
    listener(this.state, this.message);
    return () => this.listeners.delete(listener);
  }

  /** Resolves with the state once the engine is in one of `states` (at once if it is). */
  reaches(...states) {
    return new Promise((resolve) => {
      const stop = this.subscribe((state) => {
        if (!states.includes(state)) return;
        queueMicrotask(() => stop()); // subscribe() calls us before it returns `stop`
        resolve(state);
      });
    });
  }

  setState(state, message = "") {
    this.state = state;
    this.message = message;
    for (const listener of [...this.listeners]) listener(state, message);
  }

  start() {
    if (this.worker) return;
    if (this.held) {
      if (this.state !== "held") this.setState("held");
      return;
    }
    this.setState("loading");
    try {
      this.worker = startWorker(WORKER_URL, "rekindle-engine");
    } catch (error) {
      this.fail(FRIENDLY.boot, error);
      return;
    }
    this.worker.onmessage = (event) => this.receive(event.data || {});
    this.worker.onerror = (event) => {
      event.preventDefault();
      this.fail(this.state === "ready" ? FRIENDLY.crash : FRIENDLY.boot, event.message);
    };
    this.worker.postMessage({ type: "boot", indexURL: PYODIDE_URL, snapshotCache: SNAPSHOT_CACHE });
    this.compileOnPage(this.worker);
  }

  /** The reader asked for the engine (Save-Data held it): start now. */
  allow() {
    this.held = false;
    this.start();
  }

  /** Hear the download's progress in bytes received; returns the function that stops. */
  watchProgress(listener) {
    this.progressListeners.add(listener);
    return () => this.progressListeners.delete(listener);
  }

  /**
   * On a repeat visit, compile Pyodide's wasm here and post the module to the worker:
   * Chromium reuses its compiled-code cache for the page but not for workers (see
   * engine-worker.js). On a first visit there is no cached code to reuse, and compiling
   * here would only feed the compiler from the page's main thread (long tasks while the
   * reader scrolls), so the worker compiles it itself: `null` means "fetch it yourself".
   * A saved memory snapshot is how we know the browser has been here before.
   */
  compileOnPage(worker) {
    this.compiled ??= visitedBefore().then((again) => (again ? compileWasm() : null));
    this.compiled.then((module) => {
      if (worker === this.worker) worker.postMessage({ type: "module", module });
    });
  }

  /**
   * After a boot that had no memory snapshot to start from, make one for the next visit in
   * a second, short-lived worker, when the page is idle (see engine-worker.js).
   */
  scheduleSnapshot() {
    if (this.snapshot !== "none") return;
    if (forgotInThisTab()) {
      this.snapshot = "forgotten"; // the reader deleted everything: this tab keeps nothing
      return;
    }
    this.snapshot = "scheduled";
    const run = () => this.makeSnapshot();
    if (typeof requestIdleCallback === "function") requestIdleCallback(run, { timeout: 10000 });
    else setTimeout(run, 3000);
  }

  makeSnapshot() {
    if (this.snapshot !== "scheduled") return; // forgotten while it waited for idle time
    let worker;
    try {
      worker = startWorker(SNAPSHOT_WORKER_URL, "rekindle-snapshot");
    } catch {
      this.snapshot = "failed";
      return;
    }
    this.snapshot = "making";
    this.snapshotWorker = worker;
    let finish;
    this.snapshotDone = new Promise((resolve) => (finish = resolve));
    const done = async (saved) => {
      if (this.snapshotWorker !== worker) return;
      this.snapshotWorker = null;
      worker.terminate();
      if (this.snapshot === "forgotten") {
        // Deleted while it was being made: if it was written after all, delete it again.
        if (saved) await caches.delete(SNAPSHOT_CACHE).catch(() => {});
      } else {
        this.snapshot = saved ? "saved" : "failed";
      }
      finish();
    };
    worker.onmessage = ({ data }) => {
      if (data?.type === "snapshot") done(data.saved);
      else if (data?.type === "fatal") done(false);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      done(false);
    };
    const boot = { indexURL: PYODIDE_URL, purpose: "snapshot", snapshotCache: SNAPSHOT_CACHE };
    worker.postMessage({ type: "boot", ...boot });
    this.compiled.then((module) => worker.postMessage({ type: "module", module }));
  }

  /**
   * "Delete everything" (here or in another tab, forget.js): make no snapshot this visit; one
   * being made is told to write nothing, and if it wrote already it is deleted when it ends.
   * Resolves when no snapshot is being made any more.
   */
  forget() {
    this.snapshot = "forgotten";
    this.snapshotWorker?.postMessage({ type: "cancel" });
    return this.snapshotDone;
  }

  receive(message) {
    if (message.type === "ready") {
      this.bootMs = message.bootMs;
      this.restored = Boolean(message.restored);
      if (message.module) this.compiled = Promise.resolve(message.module); // for the snapshot
      this.setState("ready");
      this.flush();
      if (!this.restored) this.scheduleSnapshot();
    } else if (message.type === "restart") {
      // The worker's snapshot would not restore (it deleted it): boot afresh, once.
      if (this.restarts++ > 0) return this.fail(FRIENDLY.boot, message.message);
      this.worker.terminate();
      this.worker = null;
      this.start();
    } else if (message.type === "progress") {
      this.progress = Number(message.loaded) || 0;
      for (const listener of [...this.progressListeners]) listener(this.progress);
    } else if (message.type === "fatal") {
      this.fail(this.state === "ready" ? FRIENDLY.crash : FRIENDLY.boot, message.message);
    } else if (message.type === "result") {
      const call = this.inFlight.get(message.id);
      if (!call) return;
      this.inFlight.delete(message.id);
      call.watchdog.cancel();
      if (message.ok) call.resolve(message.value);
      else call.reject(new EngineError(message.error));
    }
  }

  /** Run `op` of `widget` in Python; resolves with its value or rejects with EngineError. */
  call(widget, op, args = {}) {
    const problem = problemWith(args);
    if (problem) {
      // Saved data that broke the limits (site-storage.js has set it aside): refused here.
      const error = { kind: "invalid", reason: "corrupt", message: REFUSED[problem] };
      return Promise.reject(new EngineError({ ...error, detail: problem }));
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ widget, op, args, resolve, reject });
      if (this.state === "ready") this.flush();
      else this.start();
    });
  }

  flush() {
    while (this.queue.length && this.state === "ready") this.send(this.queue.shift());
  }

  send(call) {
    const id = this.nextId++;
    call.watchdog = watchdog(CALL_TIMEOUT_MS, () => this.fail(FRIENDLY.crash, "no answer"));
    this.inFlight.set(id, call);
    const { widget, op, args } = call;
    try {
      this.worker.postMessage({ type: "call", id, widget, op, args });
    } catch (error) {
      // Cannot be cloned (too deep for this browser, say): this call only fails.
      call.watchdog.cancel();
      this.inFlight.delete(id);
      call.reject(new EngineError({ kind: "invalid", message: FRIENDLY.unsendable, detail: String(error) }));
    }
  }

  fail(message, detail) {
    if (this.state === "error") return;
    for (const call of this.inFlight.values()) {
      // Never sent again: it may be what stopped the worker (see the top of this file).
      call.watchdog.cancel();
      const error = { kind: "internal", reason: "crashed", message: FRIENDLY.notRetried };
      call.reject(new EngineError({ ...error, detail: String(detail ?? "") }));
    }
    this.inFlight.clear();
    if (this.worker) this.worker.terminate();
    this.worker = null;
    this.detail = detail ? String(detail) : "";
    // What to do about it: a boot that failed is most often the connection; a crash is not,
    // and a crash by data never repeats (see above), so "Try again" is the whole advice.
    this.advice =
      message === FRIENDLY.crash
        ? "Press “Try again” to start it afresh."
        : "Check your connection, then press “Try again”.";
    this.setState("error", message);
  }

  retry() {
    if (this.state !== "error") return;
    this.start();
  }
}

/** Whether this browser kept a memory snapshot from an earlier visit (never throws). */
async function visitedBefore() {
  try {
    return typeof caches === "object" && (await caches.has(SNAPSHOT_CACHE));
  } catch {
    return false;
  }
}

/** Pyodide's wasm compiled on the page, or null ("worker, fetch it yourself"). */
function compileWasm() {
  if (typeof WebAssembly.compileStreaming !== "function") return Promise.resolve(null);
  const url = `${PYODIDE_URL}pyodide.asm.wasm`;
  return WebAssembly.compileStreaming(fetch(url)).catch(() => null);
}

/**
 * Call `onTimeout` after `ms` of real time. AbortSignal.timeout runs on the browser's own
 * clock rather than the page's timers, so a slowed or faked page clock (throttled
 * background tabs, test clocks) cannot declare a healthy engine dead.
 */
function watchdog(ms, onTimeout) {
  if (typeof AbortSignal.timeout !== "function") {
    const id = setTimeout(onTimeout, ms);
    return { cancel: () => clearTimeout(id) };
  }
  const signal = AbortSignal.timeout(ms);
  signal.addEventListener("abort", onTimeout);
  return { cancel: () => signal.removeEventListener("abort", onTimeout) };
}

/**
 * A problem the engine reported: `kind` is "invalid", "unknown-op" or "internal". Raised on
 * the page too: "invalid" with reason "corrupt" for data refused before sending (shape.js),
 * "internal" with reason "crashed" for a call that was in flight when the worker stopped.
 */
export class EngineError extends Error {
  constructor({ kind = "internal", message = "", field = null, reason = null, detail = "" } = {}) {
    super(message);
    this.kind = kind;
    this.field = field;
    this.reason = reason;
    this.detail = detail;
  }
}

let engine = null;

/** The one engine of this visit, created on first use (pages without widgets never call it). */
export function getEngine() {
  engine ??= new Engine();
  return engine;
}
