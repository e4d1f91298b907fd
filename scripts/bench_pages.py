"""Bench-only pages written into a built site at bench time (never shipped).

- `bench/bare.html`: the baseline the targets are stated against, a page that only boots the
  same vendored Pyodide on the main thread and runs `1+1`.
- `bench/probe.html` + `probe-worker.js`: the real engine client and worker (memory snapshot
  included), copied with `performance.now()` marks, to see where engine-ready time goes.

Each page sets `window.__rk` to its result, so the driver waits on one expression.

The probe worker is the real worker with a prelude in front and one splice. The prelude
marks phases by wrapping what the worker calls, not by editing its lines: message arrival
(a listener registered before the worker's own), `WebAssembly.instantiate`, the first
`caches.open` (the snapshot read), and `postMessage` of "ready" (the marks go to the page
just before it). The one splice wraps the module that `import(...pyodide.mjs)` returns, so
`loadPyodide`, `loadPackage` and `pyimport` are timed wherever the worker calls them. It is
a regular expression on the import and fails loudly if the import is gone.
"""

from __future__ import annotations

import re
from pathlib import Path

PYODIDE_VERSION = "314.0.7"
ENGINE_DIR = Path(__file__).resolve().parents[1] / "overrides" / "assets" / "rekindle" / "kit"

BARE = """<!doctype html><meta charset="utf-8"><title>bare Pyodide boot</title>
<script type="module">
const indexURL = new URL("../assets/pyodide/%(v)s/", location.href).href;
const { loadPyodide } = await import(`${indexURL}pyodide.mjs`);
const pyodide = await loadPyodide({ indexURL });
pyodide.runPython("1+1");
window.__rk = { ready: performance.now() };
</script>
"""

# Page side of the probe: times the page's compile, collects the worker's marks.
PROBE = """<!doctype html><meta charset="utf-8"><title>engine probe</title>
<script type="module">
const t = {};
const realCompile = WebAssembly.compileStreaming.bind(WebAssembly);
WebAssembly.compileStreaming = async (source) => {
  t.compileStart ??= performance.now();
  const module = await realCompile(source);
  t.compiled ??= performance.now();
  return module;
};
const RealWorker = window.Worker;
window.Worker = class extends RealWorker {
  constructor(...args) {
    t.workerNew ??= performance.now();
    super(...args);
    this.addEventListener("message", ({ data }) => {
      if (data.type !== "marks") return;
      for (const [k, at] of Object.entries(data.marks)) {
        t[k] = typeof at === "number" && at > 1e12 ? at - performance.timeOrigin : at;
      }
      t.resources = data.resources.map((r) => ({ ...r, start: r.start - performance.timeOrigin,
        end: r.end - performance.timeOrigin }));
    });
  }
};
const { getEngine } = await import("./engine-client.js");
const engine = getEngine();
engine.subscribe((state) => {
  if (state === "ready") window.__rk ??= { ...t, ready: performance.now() };
  if (state === "error") window.__rk ??= { error: engine.detail || engine.message };
});
engine.start();
</script>
"""

# Put in front of engine-worker.js. Marks are absolute (timeOrigin + now) so the page can
# place them on its own clock; the first mark of each name wins.
PRELUDE = """const __m = {};
const __mark = (k) => (__m[k] ??= performance.timeOrigin + performance.now());
__mark("workerStart");
const __resources = () => performance.getEntriesByType("resource").map((r) => ({
  name: r.name.split("/").pop(), start: performance.timeOrigin + r.startTime,
  end: performance.timeOrigin + r.responseEnd, bytes: r.transferSize }));
self.addEventListener("message", ({ data }) => {
  if (data?.type === "boot") __mark("bootMessage");
  if (data?.type === "module") __mark("moduleReceived");
});
{
  const instantiate = WebAssembly.instantiate.bind(WebAssembly);
  WebAssembly.instantiate = (...args) => {
    // Only Pyodide's own module, handed over by the page (pyodide.mjs instantiates tiny
    // modules of its own earlier, to detect features).
    if (!("loadPyodideCall" in __m) || !(args[0] instanceof WebAssembly.Module)) {
      return instantiate(...args);
    }
    __mark("moduleAwaited");
    return instantiate(...args).then((got) => (__mark("instantiated"), got));
  };
  const open = CacheStorage.prototype.open;
  CacheStorage.prototype.open = function (...args) {
    __mark("snapshotReadStart");
    return open.apply(this, args);
  };
  const post = self.postMessage.bind(self);
  self.postMessage = (message, ...rest) => {
    if (message?.type === "ready") {
      __mark("readySent");
      post({ type: "marks", marks: __m, resources: __resources() });
    }
    return post(message, ...rest);
  };
}
const __timed = (object, name, before, after) => {
  const real = object[name];
  if (typeof real !== "function") return;
  object[name] = function (...args) {
    __mark(before);
    const got = real.apply(this, args);
    if (got && typeof got.then === "function") return got.then((v) => (__mark(after), v));
    __mark(after);
    return got;
  };
};
const __pyodideModule = (module) => {
  __mark("pyodideMjs");
  return { ...module, loadPyodide: async (options = {}) => {
    __mark("loadPyodideCall"); // after the snapshot read, if the worker read one
    __m.mode = options._loadSnapshot ? "restore" : options._makeSnapshot ? "make" : "plain";
    __m.snapshotBytes = options._loadSnapshot?.byteLength ?? 0;
    const pyodide = await module.loadPyodide(options);
    __mark("loadPyodide");
    __timed(pyodide, "loadPackage", "loadPackageStart", "loadPackage");
    __timed(pyodide, "pyimport", "pyimportStart", "pyimport");
    return pyodide;
  } };
};
"""

# The one splice: the dynamic import of pyodide.mjs, whatever its URL expression.
PYODIDE_IMPORT = re.compile(r"\bimport\(([^()]*pyodide\.mjs[^()]*)\)")


def probe_worker() -> str:
    """engine-worker.js with phase marks posted to the page just before "ready"."""
    text = (ENGINE_DIR / "engine-worker.js").read_text()
    text, found = PYODIDE_IMPORT.subn(r"import(\1).then(__pyodideModule)", text)
    if found != 1:
        raise RuntimeError(
            f"bench probe: engine-worker.js should import(...pyodide.mjs) once, found {found}"
        )
    return PRELUDE + text


def client_copy(worker_name: str) -> str:
    """engine-client.js, pointed at a bench worker and at the site's Pyodide from bench/.

    Every `engine-worker.js` URL (the engine's and the snapshot maker's) becomes the bench
    worker, so the probe makes and restores snapshots exactly as the site does.
    """
    text = (ENGINE_DIR / "engine-client.js").read_text()
    text, workers = re.subn(r'(new URL\(\s*["`])engine-worker\.js', rf"\g<1>{worker_name}", text)
    text, pyodide = re.subn(r"new URL\(`\.\./\.\./pyodide/", "new URL(`../assets/pyodide/", text)
    # Its own imports (the kit's names, limits and forget broadcast) stay the site's.
    text = re.sub(r'(from\s+")\./', r"\g<1>../assets/rekindle/kit/", text)
    if not workers or pyodide != 1:
        raise RuntimeError(
            "bench probe: engine-client.js no longer makes its worker URL from "
            f"'engine-worker.js' ({workers}) or Pyodide's from "
            f"`../pyodide/` ({pyodide})"
        )
    return text


def write_bench_pages(site: Path) -> str:
    """Write every bench page under site/bench/ and return that directory's URL path."""
    bench = site / "bench"
    bench.mkdir(exist_ok=True)
    (bench / "bare.html").write_text(BARE % {"v": PYODIDE_VERSION})
    (bench / "engine-client.js").write_text(client_copy("probe-worker.js"))
    (bench / "probe-worker.js").write_text(probe_worker())
    (bench / "probe.html").write_text(PROBE)
    return "bench/"
