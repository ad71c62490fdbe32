"""A one-page folder in the article-extraction-benchmark layout, for loader and runner tests."""

from __future__ import annotations

import gzip
import json
from pathlib import Path


def bench_dir(tmp_path: Path) -> Path:
    body = " ".join(f"Officials met in Geneva on day {i} to discuss the terms." for i in range(4))
    more = " ".join(f"Delegates said round {i} of the talks had gone well." for i in range(4))
    page = (
        "<html><head><title>Talks</title></head><body><nav><a href='/'>Home</a></nav>"
        f"<article><h1>Talks</h1><p>{body}</p><p>{more}</p></article></body></html>"
    )
    (tmp_path / "html").mkdir(parents=True)
    (tmp_path / "html" / "0abc.html.gz").write_bytes(gzip.compress(page.encode()))
    truth = {"0abc": {"articleBody": f"{body}\n{more}", "url": "https://example.org/talks"}}
    (tmp_path / "ground-truth.json").write_text(json.dumps(truth))
    return tmp_path
