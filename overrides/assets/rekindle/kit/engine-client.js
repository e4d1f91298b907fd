// The page's side of the engine: one module worker per visit, shared by every widget and
// kept alive across Material's instant navigation (this module is evaluated once).
//
// Calls made before the engine is ready wait in a queue; the caller's arguments already
// carry the time the reader acted, so nothing is lost or shifted. If the worker cannot
// start or stops answering, every widget hears "error" and can offer Retry; queued and
// unanswered calls are sent again after a successful retry (ops are pure, so that is safe).

export const PYODIDE_VERSION = "314.0.7"; // tests check this equals package.json's pin
export const PYODIDE_URL = new URL(`../../pyodide/${PYODIDE_VERSION}/`, import.meta.url).href;
const WORKER_URL = new URL("engine-worker.js", import.meta.url);
const SNAPSHOT_WORKER_URL = new URL("engine-worker.js?purpose=snapshot", import.meta.url);
const SNAPSHOT_CACHE = "rekindle-engine-snapshot"; // written by engine-worker.js
const CALL_TIMEOUT_MS = 15000; // a warm call takes milliseconds; silence this long is a crash

const FRIENDLY = {
  crash: "The tool stopped unexpectedly.",
  boot: "The tool could not start.",
};

class Engine {
  constructor() {
    this.state = "idle"; // idle | loading | ready | error
    this.message = "";
    this.worker = null;
    this.queue = [];
    this.inFlight = new Map();
    this.nextId = 1;
    this.listeners = new Set();
    this.bootMs = null;
    this.restored = false;
    this.restarts = 0;
    this.compiled = null;
    this.snapshot = "none"; // none | scheduled | making | saved | failed (see engine-worker.js)
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
    this.setState("loading");
    try {
      this.worker = new Worker(WORKER_URL, { type: "module", name: "rekindle-engine" });
    } catch (error) {
      this.fail(FRIENDLY.boot, error);
      return;
    }
    this.worker.onmessage = (event) => this.receive(event.data || {});
    this.worker.onerror = (event) => {
      event.preventDefault();
      this.fail(this.state === "ready" ? FRIENDLY.crash : FRIENDLY.boot, event.message);
    };
    this.worker.postMessage({ type: "boot", indexURL: PYODIDE_URL });
    this.compileOnPage(this.worker);
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
    this.snapshot = "scheduled";
    const run = () => this.makeSnapshot();
    if (typeof requestIdleCallback === "function") requestIdleCallback(run, { timeout: 10000 });
    else setTimeout(run, 3000);
  }

  makeSnapshot() {
    let worker;
    try {
      worker = new Worker(SNAPSHOT_WORKER_URL, { type: "module", name: "rekindle-snapshot" });
    } catch {
      this.snapshot = "failed";
      return;
    }
    this.snapshot = "making";
    const done = (saved) => {
      this.snapshot = saved ? "saved" : "failed";
      worker.terminate();
    };
    worker.onmessage = ({ data }) => {
      if (data?.type === "snapshot") done(data.saved);
      else if (data?.type === "fatal") done(false);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      done(false);
    };
    worker.postMessage({ type: "boot", indexURL: PYODIDE_URL, purpose: "snapshot" });
    this.compiled.then((module) => worker.postMessage({ type: "module", module }));
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
    this.worker.postMessage({ type: "call", id, widget, op, args });
  }

  fail(message, detail) {
    if (this.state === "error") return;
    for (const call of this.inFlight.values()) call.watchdog.cancel();
    this.queue.unshift(...this.inFlight.values()); // re-sent after a retry
    this.inFlight.clear();
    if (this.worker) this.worker.terminate();
    this.worker = null;
    this.detail = detail ? String(detail) : "";
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

/** A problem the engine reported: `kind` is "invalid", "unknown-op" or "internal". */
export class EngineError extends Error {
  constructor({ kind = "internal", message = "", field = null, reason = null } = {}) {
    super(message);
    this.kind = kind;
    this.field = field;
    this.reason = reason;
  }
}

let engine = null;

/** The one engine of this visit, created on first use (pages without widgets never call it). */
export function getEngine() {
  engine ??= new Engine();
  return engine;
}
