"""The ``newsweave`` group: every verb documented, with an example."""

from __future__ import annotations

import click
import pytest

from newsweave.cli import main
from tests.cli.runner import run_cli
from tests.conftest import ROOT


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_has_help_with_an_example_and_is_documented(name: str) -> None:
    code, out, _ = run_cli(name, "--help")
    assert code == 0 and "Example:" in out
    assert f"newsweave {name}" in (ROOT / "README.md").read_text(encoding="utf-8")
    assert isinstance(main.commands[name], click.Command)
