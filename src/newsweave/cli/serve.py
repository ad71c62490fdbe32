"""``newsweave serve``: run the web app with Uvicorn, on 127.0.0.1 unless told otherwise."""

from __future__ import annotations

import ipaddress
import json
import os

import click

from newsweave import settings
from newsweave.cli.common import db_option, user_errors


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def answered_hosts(host: str, allowed: tuple[str, ...]) -> list[str]:
    """The Host values the app answers: the settings' or the operator's list, plus the
    address it binds when that is one concrete address (a literal IP cannot be rebound)."""
    hosts = list(allowed or settings.ALLOWED_HOSTS)
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return hosts
    if not address.is_unspecified:
        hosts.append(f"[{address}]" if address.version == 6 else str(address))
    return list(dict.fromkeys(hosts))


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
@click.option(
    "--allowed-host",
    "allowed_hosts",
    multiple=True,
    metavar="NAME",
    help="Host name clients use to reach the server (repeat for several; '*.example.org' "
    "for subdomains; '*' for any). Default: localhost, 127.0.0.1, [::1] and the --host address.",
)
@click.option(
    "--allowed-origin",
    "allowed_origins",
    multiple=True,
    metavar="URL",
    help="Other site (e.g. https://dash.example.org) whose scripts may call the API (CORS). "
    "Default: none.",
)
@click.option(
    "--max-upload-bytes",
    default=settings.MAX_UPLOAD_BYTES,
    show_default=True,
    type=click.IntRange(1),
    help="Largest upload body; larger ones are refused with 413.",
)
@click.option(
    "--uploads-per-minute",
    default=settings.UPLOADS_PER_MINUTE,
    show_default=True,
    type=click.FloatRange(min=0, min_open=True),
    help="Uploads one client address may make per minute (bursts of "
    f"{settings.UPLOAD_BURST}); more are refused with 429.",
)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Server processes (one per core to use both cores); the upload rate limit is "
    "then per process.",
)
@click.option(
    "--cache-mb",
    default=settings.PAGE_CACHE_MB,
    show_default=True,
    type=click.FloatRange(min=0),
    help="Memory per server process for rendered pages kept while the store is unchanged "
    f"(at most {settings.PAGE_CACHE_SECONDS} s; SQLite only); 0 keeps none.",
)
def serve(
    target: str,
    host: str,
    port: int,
    token_env: str,
    allowed_hosts: tuple[str, ...],
    allowed_origins: tuple[str, ...],
    max_upload_bytes: int,
    uploads_per_minute: float,
    workers: int,
    cache_mb: float,
) -> None:
    """Serve stories, articles, entities and search as web pages and JSON under /api.

    Reading is open; POST /api/articles needs 'Authorization: Bearer TOKEN' with the
    token from the --token-env variable. Requests naming another host are refused (400),
    against DNS rebinding: when the server is reached by a name, give it with --allowed-host.

    Example: NEWSWEAVE_TOKEN=$(openssl rand -hex 16) newsweave serve --db newsweave.db
    """
    import uvicorn

    from newsweave.web.app import SERVE_OPTIONS_ENV, create_app

    token = os.environ.get(token_env) or None
    hosts = answered_hosts(host, allowed_hosts)
    with user_errors():
        app = create_app(
            target,
            token=token,
            allowed_hosts=hosts,
            allowed_origins=allowed_origins,
            max_upload_bytes=max_upload_bytes,
            uploads_per_minute=uploads_per_minute,
            cache_mb=cache_mb,
        )
    if not is_loopback(host):
        click.echo(
            f"warning: listening on {host}, reachable from other machines; reads need no token; "
            f"answering Host: {', '.join(hosts)}",
            err=True,
        )
    uploads = "enabled" if token else f"disabled (set {token_env} to enable)"
    click.echo(f"newsweave: http://{host}:{port}/  (uploads {uploads}; Ctrl+C stops)", err=True)
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="warning")
        return
    app.state.store.close()  # opened to check the target; each worker opens its own
    os.environ[SERVE_OPTIONS_ENV] = json.dumps(
        {
            "db_url": target,
            "token_env": token_env,
            "allowed_hosts": hosts,
            "allowed_origins": list(allowed_origins),
            "max_upload_bytes": max_upload_bytes,
            "uploads_per_minute": uploads_per_minute,
            "cache_mb": cache_mb,
        }
    )
    uvicorn.run(
        "newsweave.web.app:app_from_environment",
        factory=True,
        workers=workers,
        host=host,
        port=port,
        log_level="warning",
    )
