"""Hostile and broken inputs, each made by the test that uses it (nothing is checked in).

Each maker writes one input into a folder and returns its file name; ``HOSTILE`` pairs
every maker with what its rejection reason must say (None: the input is stored).
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import os
import random
from collections.abc import Callable
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tests.conftest import SAMPLES

#: A real article, its apostrophes written as ’ (valid multi-byte UTF-8, as most sites do).
ARTICLE = (SAMPLES / "003_fb0497bd58dd550c.txt").read_text().replace("'", "’")


def variant(tag: str) -> str:
    """The article with a closing line of its own, so that each input is a new text."""
    return f"{ARTICLE.rstrip()}\n\nThis copy was filed as the {tag} edition.\n"


#: 64 MiB of one letter, gzip-compressed (about 64 KB); members are concatenated into bombs.
_BOMB_MEMBER_MIB = 64


def billion_laughs(root: str) -> str:
    """An XML document whose ten nested entities expand to a billion ``lol``s."""
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    )
    return f'<?xml version="1.0"?>\n<!DOCTYPE {root} [{entities}]>\n'


def gzip_bomb(unpacked_mib: int) -> bytes:
    """A multi-member gzip stream (valid: gzip -d reads every member) that unpacks to
    ``unpacked_mib`` MiB of the letter a from about a thousandth of that."""
    member = gzip.compress(b"a" * (_BOMB_MEMBER_MIB << 20), compresslevel=6)
    return member * (unpacked_mib // _BOMB_MEMBER_MIB)


def warc(records: list[tuple[str, bytes, dict[str, str]]]) -> bytes:
    """A ``.warc.gz`` of HTTP responses: (URL, body, extra HTTP headers)."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    for uri, body, headers in records:
        http = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html"), *headers.items()], protocol="HTTP/1.1"
        )
        writer.write_record(
            writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=http)
        )
    return out.getvalue()


def page(title: str) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in ARTICLE.split("\n\n")[1:])
    head = f"<html><head><title>{title}</title></head>"
    return f"{head}<body><article><h1>{title}</h1>{body}</article></body></html>".encode()


Maker = Callable[[Path], str]


def make_sparse_200mb(folder: Path) -> str:
    """200 MB on disk by its size (a sparse file: made at once), text at its start."""
    name = "huge-200mb.txt"
    with (folder / name).open("wb") as handle:
        handle.write(ARTICLE.encode())
        handle.truncate(200 * 1024 * 1024)
    return name


def make_one_line_10mb(folder: Path) -> str:
    (folder / "one-line-10mb.txt").write_bytes(b"word " * 2_000_000)
    return "one-line-10mb.txt"


def make_gzip_bomb(folder: Path) -> str:
    (folder / "bomb-2gb.txt.gz").write_bytes(gzip_bomb(2048))
    return "bomb-2gb.txt.gz"


def make_warc_bomb(folder: Path) -> str:
    """A WARC whose one HTML response has a gzip Content-Encoding unpacking to 1 GiB."""
    data = warc([("https://bomb.example/", gzip_bomb(1024), {"Content-Encoding": "gzip"})])
    (folder / "bomb.warc.gz").write_bytes(data)
    return "bomb.warc.gz"


def make_nested_html(folder: Path) -> str:
    depth = 100_000
    html = f"<html><body>{'<div>' * depth}<p>Deep.</p>{'</div>' * depth}</body></html>"
    (folder / "nested.html").write_text(html)
    return "nested.html"


def make_html_without_body(folder: Path) -> str:
    (folder / "no-body.html").write_text("<html><head><title>Only a head</title></head></html>")
    return "no-body.html"


def make_laughs_rss(folder: Path) -> str:
    items = "<item><title>&lol9;</title><description>&lol9;</description></item>"
    feed = (
        billion_laughs("rss")
        + f'<rss version="2.0"><channel><title>T</title>{items}</channel></rss>'
    )
    (folder / "laughs.rss").write_text(feed)
    return "laughs.rss"


def make_laughs_atom(folder: Path) -> str:
    entry = "<entry><title>&lol9;</title><content>&lol9;</content></entry>"
    feed = (
        billion_laughs("feed")
        + f'<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>{entry}</feed>'
    )
    (folder / "laughs.atom").write_text(feed)
    return "laughs.atom"


def make_laughs_xhtml(folder: Path) -> str:
    (folder / "laughs.xhtml").write_text(
        billion_laughs("html") + "<html><body><p>&lol9;</p></body></html>"
    )
    return "laughs.xhtml"


def make_external_entity_rss(folder: Path, target: Path) -> str:
    """An RSS feed whose item body is an external entity naming a local file."""
    feed = (
        f'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{target}">]>\n'
        '<rss version="2.0"><channel><title>T</title><item><title>x</title>'
        "<description>&xxe;</description></item></channel></rss>"
    )
    (folder / "external-entity.rss").write_text(feed)
    return "external-entity.rss"


def make_truncated_warc(folder: Path) -> str:
    """Two HTML responses, the archive cut in the middle of the second record."""
    first = warc([("https://city.example/one", page("Harbour strike one"), {})])
    second = warc([("https://city.example/two", page("Harbour strike two"), {})])
    (folder / "truncated.warc.gz").write_bytes(first + second[: len(second) // 2])
    return "truncated.warc.gz"


def make_jsonl_with_bad_line(folder: Path) -> str:
    lines = [
        json.dumps({"text": variant("first line"), "url": "https://a.example/1"}),
        '{"text": "unterminated',
        json.dumps({"text": variant("walkout"), "url": "https://a.example/3"}),
    ]
    (folder / "mixed.jsonl").write_text("\n".join(lines) + "\n")
    return "mixed.jsonl"


def make_invalid_utf8(folder: Path) -> str:
    data = variant("bad byte").encode()
    middle = len(data) // 2
    (folder / "one-bad-byte.txt").write_bytes(data[:middle] + b"\xff" + data[middle:])
    return "one-bad-byte.txt"


def make_utf16(folder: Path) -> str:
    (folder / "utf16.txt").write_bytes(codecs.BOM_UTF16_LE + variant("utf-16").encode("utf-16-le"))
    return "utf16.txt"


def make_nul_bytes(folder: Path) -> str:
    data = variant("stoppage").encode()
    (folder / "nul.txt").write_bytes(data[:300] + b"\x00" + data[300:])
    return "nul.txt"


def make_random_bytes(folder: Path) -> str:
    (folder / "random.txt").write_bytes(random.Random(7).randbytes(20_000))
    return "random.txt"


def make_random_high_bytes(folder: Path) -> str:
    """Random bytes with no control bytes at all: not caught as binary, so decoded."""
    rng = random.Random(8)
    (folder / "random-high.txt").write_bytes(
        bytes(rng.randrange(0x80, 0x100) for _ in range(20_000))
    )
    return "random-high.txt"


def make_random_unicode(folder: Path) -> str:
    """Valid UTF-8 of random letters from every script: noise, not a language."""
    rng = random.Random(9)
    text = "".join(chr(rng.randrange(0x20, 0x3000)) for _ in range(5_000))
    (folder / "random-unicode.txt").write_text(text.replace("\x7f", " "))
    return "random-unicode.txt"


def make_pdf(folder: Path) -> str:
    (folder / "report.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< >>\nendobj\n")
    return "report.pdf"


def make_symlink_loop(folder: Path) -> str:
    os.symlink("self-loop", folder / "self-loop")
    return "self-loop"


def make_folder_link(folder: Path) -> str:
    os.symlink(".", folder / "link-to-itself")
    return "link-to-itself"


def make_unreadable(folder: Path) -> str:
    """A file whose read fails even for root: a link to /proc/self/mem (EIO at offset 0)."""
    os.symlink("/proc/self/mem", folder / "unreadable.txt")
    return "unreadable.txt"


def make_named_pipe(folder: Path) -> str:
    os.mkfifo(folder / "pipe.txt")
    return "pipe.txt"


def make_newline_name(folder: Path) -> str:
    name = "two\nlines.txt"
    (folder / name).write_text(variant("dispute"))
    return name


def make_odd_unicode_name(folder: Path) -> str:
    name = "ünï cødé \u202e📰 ‮.txt"
    (folder / name).write_text(variant("protest"))
    return name


def make_undecodable_name(folder: Path) -> str:
    """A file name that is not UTF-8 (Latin-1 bytes), as old archives hold."""
    raw = os.fsencode(folder) + b"/caf\xe9.txt"
    with open(raw, "wb") as handle:
        handle.write(variant("shutdown").encode())
    return os.fsdecode(b"caf\xe9.txt")
