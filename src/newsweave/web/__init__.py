"""The web app (``newsweave serve``): story, article, entity and search pages with JSON twins."""

from __future__ import annotations

from newsweave.web.app import create_app

__all__ = ["create_app"]
