"""Printing the self-assessment: the results alone, on about two A4 pages, with the chart and
the first steps, and none of the statements unless the reader ticks to include them.

The PDF is Chromium's own (`page.pdf`, the print stylesheet applied). Its text is read back
here with a small reader for what Chromium writes (Flate streams, fonts with ToUnicode maps);
each test also finds words it expects, so a reader that read nothing could not pass.
"""

from __future__ import annotations

import re
import zlib

import pytest
from playwright.sync_api import Page, expect

from rekindle.tools.assessment.model.items import ITEM_BANK
from rekindle.tools.assessment.model.scoring import parse_answers, results_view
from rekindle.tools.assessment.model.sharecode import encode_share_code
from tests.browser.test_assessment import (
    MINE,
    RESULTS_READY,
    ROOT,
    THEIRS,
    answer_all,
    open_tool,
)

pytestmark = pytest.mark.browser

A4_PAGES_AT_MOST = 3
OBJECT = re.compile(rb"(\d+) 0 obj\s*(.*?)endobj", re.S)
TOKEN = re.compile(rb"/(\w+)\s+[\d.]+\s+Tf|<([0-9A-Fa-f]*)>|(ET)")


class PdfText:
    """Pages and text of a PDF as Chromium writes it (no object streams, Type0 fonts with a
    ToUnicode map, hex-string text operators)."""

    def __init__(self, data: bytes) -> None:
        self.objects = {int(m.group(1)): m.group(2) for m in OBJECT.finditer(data)}
        self.pages = [n for n, body in self.objects.items() if re.search(rb"/Type\s*/Page\b", body)]

    def _ref(self, body: bytes, key: bytes) -> int | None:
        found = re.search(rb"/" + key + rb"\s+(\d+) 0 R", body)
        return int(found.group(1)) if found else None

    def _stream(self, number: int | None) -> bytes:
        body = self.objects.get(number or -1, b"")
        found = re.search(rb"stream\r?\n", body)
        length = re.search(rb"/Length\s+(\d+)(\s+0\s+R)?", body)
        if not found or not length:
            return b""
        size = int(length.group(1))
        if length.group(2):  # the length is an object of its own
            size = int(self.objects[size].strip())
        raw = body[found.end() : found.end() + size]
        return zlib.decompress(raw) if b"/FlateDecode" in body else raw

    def _cmap(self, text: bytes) -> dict[int, str]:
        table: dict[int, str] = {}
        for block in re.findall(rb"beginbfchar(.*?)endbfchar", text, re.S):
            for src, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                table[int(src, 16)] = bytes.fromhex(dst.decode()).decode("utf-16-be")
        for block in re.findall(rb"beginbfrange(.*?)endbfrange", text, re.S):
            ranges = re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block)
            for low, high, dst in ranges:
                start = int(dst, 16)
                for n, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                    table[code] = chr(start + n)
        return table

    def _fonts(self, page: bytes) -> dict[bytes, dict[int, str]]:
        resources = self.objects.get(self._ref(page, b"Resources") or -1, page)
        found = re.search(rb"/Font\s*<<(.*?)>>", resources, re.S)
        fonts = {}
        for name, number in re.findall(rb"/(\w+)\s+(\d+) 0 R", found.group(1) if found else b""):
            unicode_map = self._ref(self.objects[int(number)], b"ToUnicode")
            fonts[name] = self._cmap(self._stream(unicode_map)) if unicode_map else {}
        return fonts

    def text(self) -> str:
        out = []
        for number in self.pages:
            page = self.objects[number]
            fonts, font = self._fonts(page), {}
            for m in TOKEN.finditer(self._stream(self._ref(page, b"Contents"))):
                if m.group(1) is not None:
                    font = fonts.get(m.group(1), {})
                elif m.group(2) is not None:
                    codes = m.group(2).decode()
                    out.append(
                        "".join(
                            font.get(int(codes[i : i + 4], 16), "") for i in range(0, len(codes), 4)
                        )
                    )
                else:
                    out.append("\n")
        return " ".join("".join(out).split())


def pdf(page: Page) -> PdfText:
    return PdfText(page.pdf(format="A4", print_background=True))


STATEMENTS = [item.text for item in ITEM_BANK.items]


def results_on_screen(page: Page, server) -> dict:
    open_tool(page, server)
    answer_all(page, MINE)
    page.wait_for_selector(RESULTS_READY)
    return results_view(MINE)


def test_printing_gives_the_results_alone_on_few_pages(page: Page, server) -> None:
    view = results_on_screen(page, server)
    printed = pdf(page)
    text = printed.text()
    assert 1 <= len(printed.pages) <= A4_PAGES_AT_MOST, len(printed.pages)
    top = next(r for r in view["barriers"] if r["is_top"])
    # The results, the chart's words and a first step are there...
    for expected in (
        "Your results",
        "This is a reflection, not a diagnosis.",
        top["first_steps"][0][:40],
    ):
        assert " ".join(expected.split()) in text, expected
    assert "Stands out" in text and "Little sign" in text
    # ...the article and the questionnaire are not, nor any statement.
    for absent in ("What this is, and what it is not", "Before you start", "Part 1 of 5", "Skip"):
        assert absent not in text, absent
    assert [s for s in STATEMENTS if s[:50] in text] == []


def test_the_statements_are_printed_only_when_ticked(page: Page, server) -> None:
    results_on_screen(page, server)
    page.check("[data-rk-print-statements]")
    expect(page.locator(ROOT)).to_have_attribute("data-rk-printing-statements", "")
    text = pdf(page).text()
    answered = [
        ITEM_BANK.item(i).text
        for i, a in MINE.items()
        if a is not None and ITEM_BANK.item(i).kind == "barrier"
    ]
    assert all(s[:50] in text for s in answered), [s for s in answered if s[:50] not in text]
    page.uncheck("[data-rk-print-statements]")
    assert [s for s in STATEMENTS if s[:50] in pdf(page).text()] == []


def test_a_comparison_prints_with_the_results(page: Page, server) -> None:
    code = encode_share_code(parse_answers(THEIRS))
    open_tool(page, server, "#share=" + code)
    answer_all(page, MINE)
    page.wait_for_selector(f"{ROOT}[data-rk-compare-ready]")
    printed = pdf(page)
    text = printed.text()
    assert "You and your partner, side by side" in text
    assert "Your results" in text
    assert len(printed.pages) <= A4_PAGES_AT_MOST + 2
    assert [s for s in STATEMENTS if s[:50] in text] == []


def test_before_results_the_page_prints_as_the_article(page: Page, server) -> None:
    """No results yet: printing gives the guide page and its statements, as without scripts."""
    open_tool(page, server)
    text = pdf(page).text()
    assert "Before you start" in text
