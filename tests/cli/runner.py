"""Drive the ``newsweave`` command as a user drives it."""

from __future__ import annotations

from click.testing import CliRunner

from newsweave.cli import main


def run_cli(*args: str) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of ``newsweave ARGS``; an unexpected exception is raised."""
    result = CliRunner().invoke(main, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr
