"""The links and ids of an HTML page, for the link checkers (built files and served site)."""

from __future__ import annotations

from collections.abc import Mapping
from html.parser import HTMLParser

ANCHORS_ONLY = {"a": "href"}
EVERY_REFERENCE = {"a": "href", "link": "href", "img": "src", "script": "src", "source": "src"}


class PageLinks(HTMLParser):
    """Feed it HTML; `links` holds the referencing attributes named in `linking`, `ids` every
    id (and old-style `<a name>`) a fragment could point at."""

    def __init__(self, linking: Mapping[str, str] = ANCHORS_ONLY) -> None:
        super().__init__(convert_charrefs=True)
        self.linking = linking
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value for name, value in attrs if value is not None}
        if "id" in found:
            self.ids.add(found["id"])
        if tag == "a" and "name" in found:
            self.ids.add(found["name"])
        wanted = self.linking.get(tag)
        if wanted and wanted in found:
            self.links.append(found[wanted])
