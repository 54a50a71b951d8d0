"""Every command has help, and the README tells users about it (a command without docs is a defect)."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from conftest import REPO
from extractor.cli import main

README = (REPO / "README.md").read_text("utf-8")


@pytest.mark.parametrize("name", sorted(main.commands))
def test_command_has_help_and_is_documented(name):
    command = main.commands[name]
    assert command.help and len(command.help.split()) >= 5, f"{name} lacks a help text"
    for param in command.params:
        if param.param_type_name == "option" and not param.hidden:
            assert param.help, f"{name} {param.opts} lacks help"
    assert f"protokoll {name}" in README, f"README does not mention `protokoll {name}`"
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0 and "Usage:" in result.output
