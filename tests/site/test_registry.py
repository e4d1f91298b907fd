"""The tool registry (rekindle.tools.TOOLS) and everything that must agree with it.

Adding a tool means its two folders, one registry row and one fence line in mkdocs.yml;
these tests say which of those is missing, naming the tool.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import yaml

from rekindle.tools import STYLESHEETS, TOOLS, Tool

ROOT = Path(__file__).resolve().parents[2]
ASSETS = ROOT / "overrides" / "assets" / "rekindle"


class _TaggedLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running its tags: `!!python/name:x` becomes "x"."""


def _tag_value(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> object:
    if isinstance(node, yaml.ScalarNode):
        return suffix.removeprefix("name:") + loader.construct_scalar(node)
    return loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else None


_TaggedLoader.add_multi_constructor("tag:yaml.org,2002:python/", _tag_value)
_TaggedLoader.add_multi_constructor("!", _tag_value)


def declared_fences(config_text: str) -> dict[str, str]:
    """{fence name: formatter} as mkdocs.yml's superfences declares them."""
    config = yaml.load(config_text, Loader=_TaggedLoader)
    for extension in config["markdown_extensions"]:
        if isinstance(extension, dict) and "pymdownx.superfences" in extension:
            fences = extension["pymdownx.superfences"]["custom_fences"]
            return {fence["name"]: fence["format"] for fence in fences}
    return {}


def registry_problems(tools: tuple[Tool, ...], fences: dict[str, str]) -> list[str]:
    """Every disagreement between the registry and the config's fences, in words."""
    problems = []
    for tool in tools:
        if tool.fence not in fences:
            problems.append(f"{tool.fence}: in the registry, but mkdocs.yml declares no fence")
        elif fences[tool.fence] != tool.formatter:
            problems.append(f"{tool.fence}: mkdocs.yml formats it with {fences[tool.fence]}")
    registered = {tool.fence for tool in tools}
    problems += [
        f"{name}: a fence in mkdocs.yml names no tool" for name in fences.keys() - registered
    ]
    return problems


def test_the_registry_and_mkdocs_yml_agree() -> None:
    fences = declared_fences((ROOT / "mkdocs.yml").read_text())
    assert registry_problems(TOOLS, fences) == []


def test_a_tool_without_a_fence_line_is_named() -> None:
    fences = declared_fences((ROOT / "mkdocs.yml").read_text())
    del fences[TOOLS[0].fence]
    assert registry_problems(TOOLS, fences) == [
        f"{TOOLS[0].fence}: in the registry, but mkdocs.yml declares no fence"
    ]


def test_a_fence_line_without_a_tool_is_named() -> None:
    fences = declared_fences((ROOT / "mkdocs.yml").read_text())
    assert registry_problems(TOOLS[1:], fences) == [
        f"{TOOLS[0].fence}: a fence in mkdocs.yml names no tool"
    ]


def test_every_tool_has_its_ops_formatter_script_and_stylesheet() -> None:
    for tool in TOOLS:
        assert importlib.import_module(tool.ops).OPS, tool.fence
        module, _, function = tool.formatter.rpartition(".")
        assert callable(getattr(importlib.import_module(module), function)), tool.fence
        assert (ASSETS / tool.script).is_file(), tool.script
        assert (ASSETS / tool.stylesheet).is_file(), tool.stylesheet
        assert tool.script.startswith(f"{tool.folder}/"), tool.script
        assert (ROOT / "src" / "rekindle" / "tools" / tool.folder / "fence.py").is_file()


def test_fence_names_and_folders_are_unique() -> None:
    assert len({tool.fence for tool in TOOLS}) == len(TOOLS)
    assert len({tool.folder for tool in TOOLS}) == len(TOOLS)


def test_templates_get_each_tools_stylesheet_from_the_registry() -> None:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=_TaggedLoader)
    assert config["extra"]["rekindle_stylesheets"] == "rekindle.tools.STYLESHEETS"
    assert [tool.stylesheet for tool in TOOLS] == STYLESHEETS
