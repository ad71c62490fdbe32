"""Hostile and broken inputs in one folder, read by ``newsweave run`` as a user runs it
(a child process, measured): each input gets its own reason in ``rejected`` (or is
stored, when it is readable after all), nothing prints a traceback, the batch finishes
in bounded time and memory, and the good files beside the bombs are stored."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest

from newsweave.present import export_json
from newsweave.store import open_store
from tests.cli.measured import Measured, run_measured
from tests.ingest import hostile_files as hf

#: Each input's name → what its rejection reason says (a regex).
REJECTED = {
    "huge-200mb.txt": r"input is 209,715,200 bytes, over the 26,214,400-byte limit",
    "one-line-10mb.txt": r"10,000,000 characters, over the 2,000,000-character limit",
    "bomb-2gb.txt.gz": r"unpacks to more than 52,428,800 bytes \(unpacking stopped there",
    "bomb.warc.gz#https://bomb.example/": r"holds more than 26,214,400 bytes",
    "nested.html": r"no article text found in the html input",
    "no-body.html": r"no article text found in the html input",
    "laughs.rss": r"declares entities \(EntitiesForbidden",
    "laughs.atom": r"declares entities \(EntitiesForbidden",
    "laughs.xhtml": r"declares entities \(EntitiesForbidden",
    "external-entity.rss": r"declares entities .*never expands or fetches",
    "truncated.warc.gz#https://city.example/two": r"WARC record is cut short \(\d[\d,]* bytes",
    "mixed.jsonl#L2": r"line 2: not valid JSON",
    "nul.txt": r"binary content",
    "random.txt": r"binary content",
    "report.pdf": r"a PDF document: .*pdftotext",
    "self-loop": r"symbolic link that loops",
    "link-to-itself": r"symbolic link to a folder: .* not followed",
    "unreadable.txt": r"cannot read the file \(Input/output error\)",
    "pipe.txt": r"not a regular file \(a named pipe\)",
    "<stdin>": r"input holds more than 26,214,400 bytes \(read stopped there",
}
#: Inputs read after all: name → (language, a phrase of the text).
STORED = {
    "good.txt": ("en", "Zelenskyy"),
    "truncated.warc.gz#https://city.example/one": ("en", "Harbour strike one"),
    "mixed.jsonl#L1": ("en", "first line edition"),
    "mixed.jsonl#L3": ("en", "walkout edition"),
    "one-bad-byte.txt": ("en", "\ufffd"),
    "utf16.txt": ("en", "utf-16 edition"),
    "two\nlines.txt": ("en", "dispute edition"),
    "ünï cødé \u202e📰 ‮.txt": ("en", "protest edition"),
    "caf\\xe9.txt": ("en", "shutdown edition"),
}
#: Noise that may be rejected or stored, but never with a language.
NOISE = ("random-high.txt", "random-unicode.txt")


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Measured, dict[str, Any]]:
    tmp = tmp_path_factory.mktemp("hostile")
    folder = tmp / "inbox"
    folder.mkdir()
    secret = tmp / "secret.txt"
    secret.write_text("TOP-SECRET-LINE\n")
    (folder / "good.txt").write_text(hf.ARTICLE)
    makers = [
        hf.make_sparse_200mb, hf.make_one_line_10mb, hf.make_gzip_bomb, hf.make_warc_bomb,
        hf.make_nested_html, hf.make_html_without_body, hf.make_laughs_rss,
        hf.make_laughs_atom, hf.make_laughs_xhtml, hf.make_truncated_warc,
        hf.make_jsonl_with_bad_line, hf.make_invalid_utf8, hf.make_utf16, hf.make_nul_bytes,
        hf.make_random_bytes, hf.make_random_high_bytes, hf.make_random_unicode, hf.make_pdf,
        hf.make_symlink_loop, hf.make_folder_link, hf.make_unreadable, hf.make_named_pipe,
        hf.make_newline_name, hf.make_odd_unicode_name, hf.make_undecodable_name,
    ]  # fmt: skip
    for make in makers:
        make(folder)
    hf.make_external_entity_rss(folder, secret)
    # A gigabyte on stdin, as a sparse file: read up to the limit and no further.
    stdin = tmp / "stdin.bin"
    with stdin.open("wb") as handle:
        handle.truncate(1024 * 1024 * 1024)
    db = tmp / "n.db"
    measured = run_measured(
        "run", "-", str(folder), "--db", str(db), "--until", "ingest", tmp=tmp, stdin=stdin
    )
    store = open_store(str(db))
    exported = export_json(store)
    store.close()
    print(f"hostile folder: {measured.seconds:.1f} s, peak {measured.peak_mib:.0f} MiB")
    return measured, exported


def _name(source: str) -> str:
    return source if source == "<stdin>" else source.split("/inbox/", 1)[1]


def test_every_hostile_input_has_its_own_reason(
    hostile_run: tuple[Measured, dict[str, Any]],
) -> None:
    measured, exported = hostile_run
    assert measured.code == 0, measured.err
    assert "Traceback" not in measured.out + measured.err
    reasons = {_name(r["source"]): r["reason"] for r in exported["rejected"]}
    for name, expected in REJECTED.items():
        assert name in reasons, (name, sorted(reasons))
        assert re.search(expected, reasons[name]), (name, reasons[name])
    unexpected = set(reasons) - set(REJECTED) - set(NOISE)
    assert not unexpected, {n: reasons[n] for n in unexpected}


def test_readable_inputs_are_stored_with_their_language(
    hostile_run: tuple[Measured, dict[str, Any]],
) -> None:
    _, exported = hostile_run
    stored = {_name(a["source"]): a for a in exported["articles"]}
    for name, (language, phrase) in STORED.items():
        assert name in stored, (name, sorted(stored))
        assert stored[name]["language"] == language, name
        assert phrase in stored[name]["text"] or phrase in (stored[name]["headline"] or "")
    for name in NOISE:
        assert name not in stored or stored[name]["language"] is None, name
    assert all(a["language"] != "gcf" for a in exported["articles"])


def test_bad_bytes_are_decoded_as_utf8_counted_and_reported(
    hostile_run: tuple[Measured, dict[str, Any]],
) -> None:
    measured, exported = hostile_run
    article = next(a for a in exported["articles"] if a["source"].endswith("one-bad-byte.txt"))
    assert article["text"].count("\ufffd") == 1
    assert "’" in article["text"] and "‚Äô" not in article["text"], "no mojibake"
    assert (
        article["headline"]
        == "Zelenskyy signals progress in war talks, Kremlin downplays breakthrough"
    )
    warnings = {_name(w["source"]): w["warning"] for w in exported["warnings"]}
    assert warnings == {
        "one-bad-byte.txt": "1 invalid UTF-8 byte sequence(s) replaced with U+FFFD; "
        "re-save the file as UTF-8"
    }
    assert re.search(r"warning \S*one-bad-byte.txt: 1 invalid UTF-8 byte", measured.err)


def test_nothing_is_expanded_or_fetched(hostile_run: tuple[Measured, dict[str, Any]]) -> None:
    _, exported = hostile_run
    dumped = json.dumps(exported)
    assert "TOP-SECRET-LINE" not in dumped and "lollollol" not in dumped


def test_names_print_on_one_line(hostile_run: tuple[Measured, dict[str, Any]]) -> None:
    measured, _ = hostile_run
    lines = measured.err.splitlines()
    assert all(line.startswith(("rejected ", "warning ")) for line in lines), lines
    assert len([line for line in lines if line.startswith("rejected ")]) == len(REJECTED) + sum(
        1 for line in lines if any(n in line for n in NOISE)
    )


def test_the_batch_is_bounded_in_time_and_memory(
    hostile_run: tuple[Measured, dict[str, Any]],
) -> None:
    """A 200 MB file, a 10 MB line, 2 GiB and 1 GiB bombs and 1 GiB on stdin: before the
    limits, the gzip bomb alone took 4.3 GB. The interpreter with newsweave loaded takes
    about 270 MiB here; the largest buffer allowed is the 50 MiB unpacking limit."""
    measured, _ = hostile_run
    assert measured.peak_mib < 600, measured.peak_mib
    assert measured.seconds < 240, measured.seconds


def test_a_folder_that_cannot_be_listed_gets_a_reason_and_the_walk_goes_on(
    tmp_path: Path,
) -> None:
    """A folder nested deeper than PATH_MAX cannot be listed by path, by anyone (root too,
    which permissions would not stop): it is rejected with the system's reason, and the
    files beside it are read."""
    from newsweave.ingest.discover import expand_inputs
    from newsweave.model import Rejection

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "ok.txt").write_text(hf.ARTICLE)
    fd = os.open(inbox, os.O_RDONLY)
    try:
        for _ in range(25):  # 25 levels of 200 characters: past the 4,096 of PATH_MAX
            os.mkdir("d" * 200, dir_fd=fd)
            deeper = os.open("d" * 200, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = deeper
    finally:
        os.close(fd)
    found = list(expand_inputs([str(inbox)]))
    reasons = [f.reason for f in found if isinstance(f, Rejection)]
    assert len(reasons) == 1 and reasons[0].startswith("cannot list the folder (File name too long")
    assert [Path(f.name).name for f in found if not isinstance(f, Rejection)] == ["ok.txt"]
