"""The BSNLP reader on a topic folder written by the test in the task's layout."""

from __future__ import annotations

from pathlib import Path

from benchmarks.corpora.bsnlp import GoldLine, in_tuning_part, load


def test_reads_text_from_the_title_line_and_gold_lines_from_the_mentions(tmp_path: Path) -> None:
    raw = tmp_path / "ryanair" / "raw" / "ru"
    raw.mkdir(parents=True)
    text = "Забастовка в Ryanair\n\nПилоты Ryanair бастуют в Германии и в Германии."
    (raw / "ryan-ru_file_1.txt").write_text(f"ru-1\nru\n2018-07-09\nhttp://x\n{text}", "utf-8")
    mentions = tmp_path / "ryanair" / "mentions"
    mentions.mkdir()
    start, again = text.index("Германии"), text.rindex("Германии")
    rows = ["file\tstart\tend\tmention\tbase\tcategory\tclid"] + [
        f"ryan-ru_file_1\t{at}\t{at + 8}\tГермании\tГермания\tLOC\tGPE-Germany"
        for at in (start, again)
    ]
    (mentions / "ru.tsv").write_text("\n".join(rows) + "\n", "utf-8")
    (doc,) = load(tmp_path, ("ru", "uk"))
    assert doc.text == text and doc.date == "2018-07-09" and doc.topic == "ryanair"
    assert doc.text[start : start + 8] == "Германии"
    # two occurrences of one form are one .out line
    assert doc.gold == frozenset({GoldLine("Германии", "Германия", "LOC", "GPE-Germany")})
    assert in_tuning_part("ryanair") and not in_tuning_part("nord_stream")
