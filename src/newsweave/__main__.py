"""``python -m newsweave`` is the same as the ``newsweave`` command."""

from newsweave.cli import main

main()
