"""``newsweave serve``: run the web app with Uvicorn, on 127.0.0.1 unless told otherwise."""

from __future__ import annotations

import ipaddress
import os

import click

from newsweave.cli.common import db_option, user_errors


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--token-env",
    default="NEWSWEAVE_TOKEN",
    show_default=True,
    metavar="NAME",
    help="Environment variable holding the upload token; unset means uploads are refused.",
)
def serve(target: str, host: str, port: int, token_env: str) -> None:
    """Serve stories, articles, entities and search as web pages and JSON under /api.

    Reading is open; POST /api/articles needs 'Authorization: Bearer TOKEN' with the
    token from the --token-env variable.

    Example: NEWSWEAVE_TOKEN=$(openssl rand -hex 16) newsweave serve --db newsweave.db
    """
    import uvicorn

    from newsweave.web.app import create_app

    token = os.environ.get(token_env) or None
    with user_errors():
        app = create_app(target, token=token)
    if not is_loopback(host):
        click.echo(
            f"warning: listening on {host}, reachable from other machines; reads need no token",
            err=True,
        )
    uploads = "enabled" if token else f"disabled (set {token_env} to enable)"
    click.echo(f"newsweave: http://{host}:{port}/  (uploads {uploads}; Ctrl+C stops)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
