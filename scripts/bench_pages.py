"""Bench-only pages written into a built site at bench time (never shipped).

- `bench/bare.html`: the baseline the targets are stated against, a page that only boots the
  same vendored Pyodide on the main thread and runs `1+1`.
- `bench/probe.html` + `probe-worker.js`: the real engine client and worker, copied with
  `performance.now()` marks spliced in, to see where warm engine-ready time goes.
- `bench/snap.html` + `snap-worker.js`: the memory-snapshot experiment (make once, then boot
  from a snapshot kept in Cache Storage), inside our worker set-up with the precompiled wasm.

Each page sets `window.__rk` to its result, so the driver waits on one expression. The probe
copies are made by exact string replacement and fail loudly if the engine files drift.
"""

from __future__ import annotations

from pathlib import Path

PYODIDE_VERSION = "314.0.7"
ENGINE_DIR = Path(__file__).resolve().parents[1] / "overrides" / "assets" / "rekindle"

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
  t.compileStart = performance.now();
  const module = await realCompile(source);
  t.compiled = performance.now();
  return module;
};
const RealWorker = window.Worker;
window.Worker = class extends RealWorker {
  constructor(...args) {
    t.workerNew = performance.now();
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
  if (state === "ready") window.__rk = { ...t, ready: performance.now() };
  if (state === "error") window.__rk = { error: engine.detail || engine.message };
});
engine.start();
</script>
"""

MARKS_HEAD = """const __m = {};
const __mark = (k) => (__m[k] ??= performance.timeOrigin + performance.now());
__mark("workerStart");
const __resources = () => performance.getEntriesByType("resource").map((r) => ({
  name: r.name.split("/").pop(), start: performance.timeOrigin + r.startTime,
  end: performance.timeOrigin + r.responseEnd, bytes: r.transferSize }));
"""

# (exact text in engine-worker.js, what replaces it) for the probe copy.
PROBE_SPLICES = [
    ("    const { loadPyodide } = await import(`${indexURL}pyodide.mjs`);\n",
     '    __mark("bootMessage");\n'
     "    const { loadPyodide } = await import(`${indexURL}pyodide.mjs`);\n"
     '    __mark("pyodideMjs");\n'),
    ("    const pyodide = await loadPyodide({ indexURL });\n",
     "    const pyodide = await loadPyodide({ indexURL });\n"
     '    __mark("loadPyodide");\n'),
    ("errorCallback: () => {} });\n",
     'errorCallback: () => {} });\n    __mark("loadPackage");\n'),
    ('pyimport("rekindle.engine").handle;\n',
     'pyimport("rekindle.engine").handle;\n    __mark("pyimport");\n'
     '    postMessage({ type: "marks", marks: __m, resources: __resources() });\n'),
    ("    const module = await precompiled;\n",
     '    const module = await precompiled;\n    __mark("moduleAwaited");\n'),
    ("instance: await WebAssembly.instantiate(module, imports) }",
     'instance: await WebAssembly.instantiate(module, imports).then((i) => '
     '(__mark("instantiated"), i)) }'),
    ('  else if (message.type === "module") ',
     '  else if (message.type === "module" && __mark("moduleReceived")) '),
]


def splice(text: str, splices: list[tuple[str, str]], name: str) -> str:
    """Apply exact replacements, failing with the missing text so drift is obvious."""
    for old, new in splices:
        if old not in text:
            raise RuntimeError(f"bench probe: {name} no longer contains {old!r}")
        text = text.replace(old, new, 1)
    return text


def client_copy(worker_name: str) -> str:
    """engine-client.js, pointed at a bench worker and at the site's Pyodide from bench/."""
    text = (ENGINE_DIR / "engine-client.js").read_text()
    return splice(text, [
        ('new URL("engine-worker.js", import.meta.url)',
         f'new URL("{worker_name}", import.meta.url)'),
        ("new URL(`../pyodide/${PYODIDE_VERSION}/`",
         "new URL(`../assets/pyodide/${PYODIDE_VERSION}/`"),
    ], "engine-client.js")


def probe_worker() -> str:
    """engine-worker.js with performance marks posted to the page before "ready"."""
    text = (ENGINE_DIR / "engine-worker.js").read_text()
    return MARKS_HEAD + splice(text, PROBE_SPLICES, "engine-worker.js")


def snapshot_worker() -> str:
    """The probe worker, booting from a snapshot in Cache Storage when one is there.

    Without a snapshot it boots with `_makeSnapshot` and stores `makeMemorySnapshot()` of the
    bare interpreter; with one it passes it as `_loadSnapshot`. Both then load our wheel as
    usual: a snapshot taken after `loadPackage` fails ("Unexpected hiwire entry"), because
    loading a package leaves JS references in the interpreter.
    """
    text = probe_worker()
    text = splice(text, [
        ("    const pyodide = await loadPyodide({ indexURL });\n",
         "    const cache = await caches.open(\"rk-bench-snapshot\");\n"
         "    const stored = await cache.match(\"snapshot\");\n"
         "    const snap = stored ? new Uint8Array(await stored.arrayBuffer()) : null;\n"
         '    __mark("snapshotRead");\n'
         "    const pyodide = await loadPyodide(snap ? { indexURL, _loadSnapshot: snap }\n"
         "      : { indexURL, _makeSnapshot: true });\n"
         "    if (!snap) {\n"
         "      const bytes = pyodide.makeMemorySnapshot();\n"
         "      await cache.put(\"snapshot\", new Response(bytes));\n"
         "      __m.snapshotBytes = bytes.length;\n"
         "    }\n"),
        ('pyimport("rekindle.engine").handle;\n',
         'pyimport("rekindle.engine").handle;\n'
         '    __m.check = handle(JSON.stringify(\n'
         '      { widget: "turn-timer", op: "nope", args: {} }));\n'),
    ], "probe worker")
    return text


def write_bench_pages(site: Path) -> str:
    """Write every bench page under site/bench/ and return that directory's URL path."""
    bench = site / "bench"
    bench.mkdir(exist_ok=True)
    (bench / "bare.html").write_text(BARE % {"v": PYODIDE_VERSION})
    (bench / "engine-client.js").write_text(client_copy("probe-worker.js"))
    (bench / "probe-worker.js").write_text(probe_worker())
    (bench / "probe.html").write_text(PROBE)
    (bench / "snap-client.js").write_text(client_copy("snap-worker.js"))
    (bench / "snap-worker.js").write_text(snapshot_worker())
    (bench / "snap.html").write_text(PROBE.replace("./engine-client.js", "./snap-client.js"))
    return "bench/"

