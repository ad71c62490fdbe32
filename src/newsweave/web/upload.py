"""``POST /api/articles``: the operator's token, then the same pipeline ``newsweave run`` uses."""

from __future__ import annotations

import hmac
import json
import threading
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field, model_validator

from newsweave import pipeline, settings
from newsweave.ingest import record_document
from newsweave.model import sha256_hex
from newsweave.store import SqlStore

#: The ``source`` of an uploaded article: it came from no file.
UPLOAD_SOURCE = "api-upload"
bearer = HTTPBearer(auto_error=False, description="The token the operator set for uploads.")
#: One upload runs the pipeline at a time: the stages are incremental over the whole store.
_RUN_LOCK = threading.Lock()

UPLOADS_DISABLED = (
    "uploads are disabled: the operator started the server without a token "
    "(set NEWSWEAVE_TOKEN, or the variable named by --token-env, and restart)"
)
TOKEN_MISSING = "this endpoint needs a token: send 'Authorization: Bearer <token>'"
TOKEN_WRONG = "the token is not valid for this server"


class ArticleUpload(BaseModel):
    """One article, as a JSONL line of ``newsweave run`` holds it: ``text`` or ``html``."""

    text: str | None = Field(None, max_length=settings.MAX_INPUT_BYTES)
    html: str | None = Field(None, max_length=settings.MAX_INPUT_BYTES)
    url: str | None = None
    title: str | None = None
    published: str | None = Field(None, description="ISO 8601 date, possibly partial")
    outlet: str | None = None

    @model_validator(mode="after")
    def _has_body(self) -> ArticleUpload:
        if not (self.text or "").strip() and not (self.html or "").strip():
            raise ValueError("give the article in 'text' or 'html'")
        return self


class UploadResult(BaseModel):
    article_ids: list[str]
    already_stored: bool
    urls: list[str]


def require_token(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> None:
    """401 without a token or with a wrong one; 403 when the operator set none."""
    expected: str | None = request.app.state.token
    if not expected:
        raise HTTPException(403, UPLOADS_DISABLED)
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise HTTPException(401, TOKEN_MISSING, headers={"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(credentials.credentials.encode(), expected.encode()):
        raise HTTPException(
            401, TOKEN_WRONG, headers={"WWW-Authenticate": 'Bearer error="invalid_token"'}
        )


def ingest_upload(store: SqlStore, upload: ArticleUpload) -> UploadResult:
    """Run the pipeline on the article; return the stored ids.

    The upload becomes the Document a JSONL line with the same fields would be (same
    content hash, so sending it twice stores it once), then takes exactly the path
    ``newsweave run`` takes (cleaning, every later stage), with nothing re-implemented here.
    """
    record: dict[str, Any] = upload.model_dump(exclude_none=True)
    content_hash = sha256_hex(json.dumps(record, ensure_ascii=False))
    document = record_document(record, UPLOAD_SOURCE, 1, "utf-8", content_hash)
    with _RUN_LOCK:
        report = pipeline.ingest_documents([document], store)
        report.stages = pipeline.run_stages(store)
        store.sync_search_index()
    if report.rejected:
        raise HTTPException(422, f"the article was rejected: {report.rejected[0].reason}")
    ids = store.document_articles(content_hash)
    return UploadResult(
        article_ids=ids,
        already_stored=report.articles_stored == 0,
        urls=[f"/articles/{i}" for i in ids],
    )
