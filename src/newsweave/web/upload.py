"""``POST /api/articles``: the operator's token, then the same pipeline ``newsweave run`` uses.

The checks run cheapest first and all of them before the body is read: the client's
rate (429), the token (401/403, compared in constant time), the content type (415)
and the declared length (413). The body is then read in chunks and refused (413) as
soon as it passes the limit, so a client that sends no length or a false one cannot
make the server hold more than ``max_upload_bytes``.
"""

from __future__ import annotations

import hmac
import json
import threading
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field, ValidationError, model_validator

from newsweave import pipeline, settings
from newsweave.ingest import record_document
from newsweave.model import sha256_hex
from newsweave.store import SqlStore
from newsweave.web.ratelimit import retry_after

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
WRONG_TYPE = "send the article as JSON: 'Content-Type: application/json'"


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


def rate_limited(request: Request) -> None:
    """429 with Retry-After when this client (IP address) has used up its uploads."""
    client = request.client.host if request.client else "unknown"
    wait = request.app.state.upload_bucket.take(client)
    if wait:
        raise HTTPException(
            429,
            f"too many uploads from {client}: try again in {retry_after(wait)} s",
            headers={"Retry-After": retry_after(wait)},
        )


def json_content_type(request: Request) -> None:
    """415 unless the body is declared as JSON."""
    declared = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if declared != "application/json":
        raise HTTPException(415, WRONG_TYPE)


def too_large(limit: int) -> HTTPException:
    return HTTPException(
        413, f"the upload is larger than {limit:,} bytes (the server's --max-upload-bytes)"
    )


async def read_upload(request: Request) -> ArticleUpload:
    """The body as an ``ArticleUpload``, read no further than the size limit (413 past it)."""
    limit: int = request.app.state.max_upload_bytes
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_large(limit)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise too_large(limit)
    try:
        return ArticleUpload.model_validate_json(bytes(body))
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'body'}: {e['msg']}" for e in error.errors()
        )
        raise HTTPException(422, f"invalid request: {problems}") from None


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
