// The engine's module worker: boots the vendored Pyodide and our wheel once per visit, then
// answers calls by handing JSON text to rekindle.engine.handle. The message protocol is
// defined in one place, the docstring of src/rekindle/engine/__init__.py.
//
// Why the wasm arrives from the page: Chromium caches compiled WebAssembly for code
// compiled on the page, but a worker compiling the same 9.6 MB module recompiles it on every
// visit (measured: a naive worker was ~2x slower than the page on warm reloads). So the page
// compiles it (async, off its main thread) and posts the WebAssembly.Module here; we hand it
// to Pyodide by wrapping WebAssembly.instantiateStreaming. The wasm fetch Pyodide makes
// itself is answered with a lazy body that only downloads if somebody reads it, so a
// precompiled module means no second download, and without one everything works as usual.
//
// The page starts this worker from a blob: URL that imports this file, so the worker runs
// under the page's Content-Security-Policy (see startWorker in engine-client.js): no
// request leaves the site and no eval runs here, whatever our code or Pyodide's attempts.
//
// Only strings cross into Python in calls, so the one PyProxy we keep (handle) lives as long
// as the worker; the others are destroyed where they are made. One JS function is handed to
// Python at boot (installStdlibSafetyNet) and is meant to live as long as the worker too.

let handle = null;
let failed = false;
let compiledHere = null; // the wasm module, when this worker compiled it (a first visit)
let receiveModule;
const precompiled = new Promise((resolve) => (receiveModule = resolve));

function fatal(message) {
  if (failed) return;
  failed = true;
  postMessage({ type: "fatal", message });
}

function describe(error) {
  const text = String((error && error.message) || error || "unknown error");
  return text.split("\n")[0].slice(0, 300);
}

function lazyResponse(url) {
  let reader = null;
  const body = new ReadableStream(
    {
      async pull(controller) {
        reader ??= (await realFetch(url)).body.getReader();
        const { value, done } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      },
    },
    { highWaterMark: 0 },
  );
  return new Response(body, { headers: { "Content-Type": "application/wasm" } });
}

// Bytes this worker's fetches have delivered, told to the page at most every 100 ms and at
// the end of each file, so a first visit on a slow connection sees the download move
// (kit/engine-progress.js puts it in words). A counted body is the same bytes, passed on.
let received = 0;
let reportedAt = -Infinity;

function counted(response) {
  if (!response.body) return response;
  const report = () => postMessage({ type: "progress", loaded: received });
  const end = () => {
    report();
    landed(response.url);
  };
  const counter = new TransformStream({
    transform(chunk, controller) {
      received += chunk.byteLength;
      if (performance.now() - reportedAt > 100) {
        reportedAt = performance.now();
        report();
      }
      controller.enqueue(chunk);
    },
    flush: end,
  });
  const { status, statusText, headers } = response;
  return new Response(response.body.pipeThrough(counter), { status, statusText, headers });
}

// On a first visit (no snapshot can exist yet) the two big files, Pyodide's wasm and the
// standard library, are asked for as soon as their addresses are known rather than once
// pyodide.mjs has arrived and run: one round trip sooner. Pyodide's own fetch of either is
// then handed the download already under way. Our wheel, a tenth of their size, is fetched
// once both have arrived, so it downloads while Python starts instead of sharing the
// bandwidth before; on a slow connection the engine was ready about 0.5 s sooner.
// Measured together with widgets.js's early start: scripts/bench_slow.py.
const realFetch = self.fetch.bind(self);
const early = new Map(); // url -> Promise<Response>, until Pyodide asks for it
const awaited = new Set(); // big files whose last byte has not arrived
let allLanded;
const bigFilesLanded = new Promise((resolve) => (allLanded = resolve));

function fetchEarly(url) {
  awaited.add(url);
  const response = realFetch(url);
  response.catch(() => {}); // a failure is reported when Pyodide asks for the file
  early.set(url, response);
}

function landed(url) {
  if (awaited.delete(url) && awaited.size === 0) allLanded();
}

/** Whether no snapshot can exist for this visit (so the page will send no module). */
async function firstVisit() {
  try {
    return !snapshotCache || !(await caches.has(snapshotCache));
  } catch {
    return true; // no Cache Storage here: every visit is a first one
  }
}

function fetchBigFilesEarly(indexURL, lockFile) {
  receiveModule(null); // nothing compiled before: this worker fetches the wasm itself
  fetchEarly(`${indexURL}pyodide.asm.wasm`);
  lockFile
    .then((lock) => {
      const url = stdLibURL(indexURL, engineStdlib(lock));
      if (url) fetchEarly(url);
    })
    .catch(() => {}); // reported where the lock file is awaited
}

function instrument(indexURL) {
  const wasmURL = `${indexURL}pyodide.asm.wasm`;
  // A missing or refused file would otherwise leave Pyodide waiting forever.
  self.fetch = async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    const started = early.get(url);
    if (started) {
      early.delete(url);
      return checked(started);
    }
    if (url === wasmURL) {
      // With the page's compiled module, nobody reads this body, so it is never downloaded;
      // without one ("fetch it yourself"), it is fetched now, as Pyodide intended.
      return (await precompiled) ? lazyResponse(url) : checked(realFetch(url));
    }
    return checked(realFetch(input, init));
  };
  const checked = async (pending) => {
    const response = await pending.catch((error) => {
      fatal(`A file the tool needs could not be fetched (${describe(error)}).`);
      throw error;
    });
    if (!response.ok) fatal(`A file the tool needs is missing (${response.status}).`);
    return counted(response);
  };
  const realInstantiate = WebAssembly.instantiateStreaming.bind(WebAssembly);
  WebAssembly.instantiateStreaming = async (source, imports) => {
    const module = await precompiled;
    try {
      if (module) return { module, instance: await WebAssembly.instantiate(module, imports) };
      const result = await realInstantiate(source, imports);
      compiledHere = result.module;
      return result;
    } catch (error) {
      fatal(`This browser refused to run the tool (${describe(error)}).`);
      throw error;
    }
  };
}

// A memory snapshot of a freshly started interpreter, kept in Cache Storage, lets later
// visits skip Python's start-up (measured: ~2.8 s of a ~3.4 s warm boot). It is made by a
// second, short-lived worker during idle time after the first boot, so the first visit is
// neither slower nor heavier, and it never holds anything a reader typed (that worker runs
// no op). It is Pyodide's private API, tied to the exact build: the key holds the versioned
// indexURL, any failure to restore deletes it and starts a normal boot, and our wheel is
// put on sys.path after the restore, so the snapshot holds only Pyodide's own state.
// The cache is named for this copy of the site (the page sends the name, scope.js); the
// page may ask the snapshot maker to cancel ("Delete everything"), and then nothing is put.
let snapshotCache = null;
let cancelled = false;
const LEGACY_SNAPSHOT_CACHE = "rekindle-engine-snapshot"; // before names were per copy
const snapshotKey = (indexURL, stdlib) =>
  `${indexURL}memory-snapshot-v2/${stdlib?.file_name ?? "python_stdlib.zip"}`;

async function readSnapshot(key) {
  try {
    if (!snapshotCache || !(await caches.has(snapshotCache))) return null;
    const hit = await (await caches.open(snapshotCache)).match(key);
    return hit ? new Uint8Array(await hit.arrayBuffer()) : null;
  } catch {
    return null; // no Cache Storage here: a normal boot
  }
}

async function storeSnapshot(key, bytes) {
  try {
    if (cancelled || !snapshotCache) return false;
    await caches.delete(LEGACY_SNAPSHOT_CACHE).catch(() => {});
    await caches.delete(snapshotCache); // one snapshot at most: drop other versions' too
    if (cancelled) return false;
    await (await caches.open(snapshotCache)).put(key, new Response(bytes));
    return true;
  } catch {
    return false; // storage full or refused: later visits boot normally
  }
}

async function makeSnapshot(loadPyodide, indexURL) {
  let saved = false;
  try {
    const stdlib = engineStdlib(await fetchLockFile(indexURL));
    const options = { indexURL, stdLibURL: stdLibURL(indexURL, stdlib), _makeSnapshot: true };
    const pyodide = await loadPyodide(options);
    saved = await storeSnapshot(snapshotKey(indexURL, stdlib), pyodide.makeMemorySnapshot());
  } finally {
    postMessage({ type: "snapshot", saved });
    self.close();
  }
}

async function startPython(loadPyodide, indexURL, lockFile) {
  const stdlib = engineStdlib(await lockFile);
  const snapshot = await readSnapshot(snapshotKey(indexURL, stdlib));
  const options = { indexURL, lockFileContents: lockFile, stdLibURL: stdLibURL(indexURL, stdlib) };
  if (!snapshot) {
    // No snapshot, so no compiled code from an earlier visit for the page to hand us: fetch
    // and compile the wasm here at once rather than wait for the page to say so (its main
    // thread is busy setting itself up on a first visit: waiting cost 0.05x of a bare boot,
    // 10 cold runs side by side).
    receiveModule(null);
    return { pyodide: await loadPyodide(options) };
  }
  try {
    return { pyodide: await loadPyodide({ ...options, _loadSnapshot: snapshot }), restored: true };
  } catch (error) {
    await caches.delete(snapshotCache).catch(() => {});
    throw new SnapshotFailed(describe(error));
  }
}

class SnapshotFailed extends Error {}

// Our engine is a pure-Python wheel listed in the site's lock file. A wheel is a zip, and
// Python imports from a zip on sys.path (zipimport, the way it reads its own stdlib), so we
// fetch the wheel while Pyodide boots, check it against the lock file's sha256 (fetch's
// integrity), and put it on sys.path. Measured: loadPackage took 100-240 ms after the boot
// for the same file; this takes under 5 ms.
async function fetchWheel(indexURL, lockFile, after) {
  const entry = (await lockFile).packages?.rekindle;
  await after;
  if (!entry) throw new Error("the lock file does not list the rekindle wheel");
  const hash = entry.sha256.match(/../g).map((pair) => parseInt(pair, 16));
  const integrity = `sha256-${btoa(String.fromCharCode(...hash))}`;
  const response = await fetch(new URL(entry.file_name, indexURL), { integrity });
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { name: entry.file_name.split("/").pop(), bytes };
}

function installWheel(pyodide, wheel) {
  const path = `/lib/${wheel.name}`;
  pyodide.FS.writeFile(path, wheel.bytes);
  pyodide.runPython(`import sys; sys.path.insert(0, ${JSON.stringify(path)})`);
}

// The standard library the engine boots from: only the modules Pyodide's start-up and our
// code import, precompiled by the build (src/rekindle/site/stdlib.py; measured: boots in
// about a third of the time from sources). The lock file's info names it; a site built
// without it boots from Pyodide's own zip.
const engineStdlib = (lockFile) => lockFile?.info?.rekindle_stdlib ?? null;
const stdLibURL = (indexURL, stdlib) =>
  stdlib ? new URL(stdlib.file_name, indexURL).href : undefined;

// If anything imports a module the trimmed zip left out, Python asks for Pyodide's full
// zip once (rekindle.engine.full_stdlib), and this puts it in the file system. A worker
// may fetch synchronously; the import waits for it, then goes on as if nothing happened.
function installStdlibSafetyNet(pyodide, indexURL) {
  const placeFullStdlib = (path) => {
    const request = new XMLHttpRequest();
    request.open("GET", `${indexURL}python_stdlib.zip`, false);
    request.responseType = "arraybuffer";
    request.send(null);
    if (request.status !== 200) throw new Error(`python_stdlib.zip: ${request.status}`);
    pyodide.FS.writeFile(path, new Uint8Array(request.response));
  };
  const module = pyodide.pyimport("rekindle.engine.full_stdlib");
  try {
    module.install(placeFullStdlib);
  } finally {
    module.destroy();
  }
}

async function fetchLockFile(indexURL) {
  const response = await fetch(`${indexURL}pyodide-lock.json`);
  return response.json();
}

const importPyodide = (indexURL) => import(`${indexURL}pyodide.mjs`);

async function boot(indexURL, purpose) {
  const started = performance.now();
  instrument(indexURL);
  try {
    if (purpose === "snapshot") {
      return await makeSnapshot((await importPyodide(indexURL)).loadPyodide, indexURL);
    }
    const lockFile = fetchLockFile(indexURL);
    const pyodideModule = importPyodide(indexURL);
    pyodideModule.catch(() => {}); // awaited below, where a failure is reported
    const first = await firstVisit();
    if (first) fetchBigFilesEarly(indexURL, lockFile);
    let pythonStarted;
    const pythonUp = new Promise((resolve) => (pythonStarted = resolve));
    const wheelWaits = first ? Promise.race([bigFilesLanded, pythonUp]) : null;
    const wheel = fetchWheel(indexURL, lockFile, wheelWaits);
    wheel.catch(() => {}); // awaited after the boot: a failure is reported there, in order
    const { loadPyodide } = await pyodideModule;
    const python = startPython(loadPyodide, indexURL, lockFile);
    python.finally(pythonStarted).catch(() => {});
    const { pyodide, restored = false } = await python;
    installWheel(pyodide, await wheel);
    installStdlibSafetyNet(pyodide, indexURL);
    handle = pyodide.pyimport("rekindle.engine").handle;
    const bootMs = Math.round(performance.now() - started);
    // The compiled module goes back to the page for the snapshot maker, which then neither
    // downloads nor compiles the 9.6 MB wasm a second time (structured clone shares it).
    if (!failed) postMessage({ type: "ready", bootMs, restored, module: compiledHere });
  } catch (error) {
    if (error instanceof SnapshotFailed) {
      postMessage({ type: "restart", message: error.message }); // the page boots us afresh
      self.close();
    } else {
      fatal(`The tool could not start (${describe(error)}).`);
    }
  }
}

function answer(message) {
  let request;
  try {
    request = JSON.stringify({ widget: message.widget, op: message.op, args: message.args });
  } catch (error) {
    // Too deep for JSON here (the page's limits should have stopped it): this call only.
    const problem = { kind: "invalid", message: "The page sent a request the engine cannot read." };
    postMessage({ type: "result", id: message.id, ok: false, error: { ...problem, detail: describe(error) } });
    return;
  }
  let response;
  try {
    response = JSON.parse(handle(request));
  } catch (error) {
    // Python itself broke (Pyodide's fatal error): this worker cannot be trusted again. The
    // page keeps every widget's state, so a fresh worker after Retry picks up where we were.
    fatal(`The tool stopped unexpectedly (${describe(error)}).`);
    self.close();
    return;
  }
  postMessage({ type: "result", id: message.id, ...response });
}

self.onmessage = (event) => {
  const message = event.data || {};
  if (message.type === "boot") {
    snapshotCache = message.snapshotCache ?? null;
    boot(message.indexURL, message.purpose);
  } else if (message.type === "cancel") {
    cancelled = true;
  } else if (message.type === "module") {
    receiveModule(message.module || null);
  } else if (message.type === "call" && handle) {
    answer(message);
  }
};
