"""The ``newsweave`` command: a thin layer of Click verbs over the Python API.

Exit codes: 0 success; 1 an error the message explains (bad database, a
failure while writing); 2 wrong usage (unknown option, missing argument);
3 with ``run --strict``: finished, but some inputs were rejected.
"""

from __future__ import annotations

import click

from newsweave import __version__
from newsweave.cli.brief import brief, report
from newsweave.cli.changes import changes, digest
from newsweave.cli.export import export
from newsweave.cli.lists import articles, entities, stories
from newsweave.cli.run import run
from newsweave.cli.serve import serve
from newsweave.cli.watch import feeds, watch

__all__ = ["main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]}, epilog=__doc__)
@click.version_option(__version__, prog_name="newsweave")
def main() -> None:
    """newsweave: raw news articles in, a cited, structured picture of each story out."""


for _verb in (
    run, watch, feeds, export, articles, stories, entities, brief, report, changes, digest, serve
):
    main.add_command(_verb)
