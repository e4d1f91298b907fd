"""What every tool's Markdown fence shares when it writes its widget's HTML.

A fence renders its widget's root with `widget_attributes(fence)`: the widget's name and,
from the registry, the module and stylesheet the page loads for it. So the page's widget
loader (`kit/widgets.js`) and the per-page stylesheet links (`overrides/main.html`) read what
the build wrote instead of keeping lists of their own.
"""

from __future__ import annotations

from html import escape

from rekindle.tools import BY_FENCE

# Material's indexer skips an element marked with this, but stops skipping at the first
# closing tag of the same name inside it (it compares elements by tag name), so the mark
# goes on elements that hold none of their own kind: the face's parts, not the face.
NOT_INDEXED = " data-search-exclude"


def widget_attributes(fence: str) -> str:
    """The root's data attributes for the tool registered under `fence` (a KeyError names a
    fence with no registry row, which fails the build).

    Pure string work on registry data, so it lives with the shared pure code.
    """
    tool = BY_FENCE[fence]
    return (
        f'data-rekindle-widget="{escape(tool.fence)}" '
        f'data-rk-module="{escape(tool.script)}" data-rk-style="{escape(tool.stylesheet)}"'
    )
