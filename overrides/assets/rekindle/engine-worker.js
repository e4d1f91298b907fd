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
// Only strings cross into Python, so the one PyProxy we hold (handle) lives as long as the
// worker and needs no other bookkeeping.

let handle = null;
let failed = false;
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

function lazyResponse(realFetch, url) {
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

function instrument(indexURL) {
  const realFetch = self.fetch.bind(self);
  const wasmURL = `${indexURL}pyodide.asm.wasm`;
  // A missing or refused file would otherwise leave Pyodide waiting forever.
  self.fetch = async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url === wasmURL) return lazyResponse(realFetch, url);
    const response = await realFetch(input, init).catch((error) => {
      fatal(`A file the tool needs could not be fetched (${describe(error)}).`);
      throw error;
    });
    if (!response.ok) fatal(`A file the tool needs is missing (${response.status}).`);
    return response;
  };
  const realInstantiate = WebAssembly.instantiateStreaming.bind(WebAssembly);
  WebAssembly.instantiateStreaming = async (source, imports) => {
    const module = await precompiled;
    try {
      if (module) return { module, instance: await WebAssembly.instantiate(module, imports) };
      return await realInstantiate(source, imports);
    } catch (error) {
      fatal(`This browser refused to run the tool (${describe(error)}).`);
      throw error;
    }
  };
}

async function boot(indexURL) {
  const started = performance.now();
  instrument(indexURL);
  try {
    const { loadPyodide } = await import(`${indexURL}pyodide.mjs`);
    const pyodide = await loadPyodide({ indexURL });
    await pyodide.loadPackage("rekindle", { messageCallback: () => {}, errorCallback: () => {} });
    handle = pyodide.pyimport("rekindle.engine").handle;
    if (!failed) postMessage({ type: "ready", bootMs: Math.round(performance.now() - started) });
  } catch (error) {
    fatal(`The tool could not start (${describe(error)}).`);
  }
}

function answer(message) {
  let response;
  try {
    const request = JSON.stringify({ widget: message.widget, op: message.op, args: message.args });
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
  if (message.type === "boot") boot(message.indexURL);
  else if (message.type === "module") receiveModule(message.module || null);
  else if (message.type === "call" && handle) answer(message);
};
