"""The HTML run report: escaped, self-contained, and really rendered with its charts."""

from __future__ import annotations

import os
import shutil
import subprocess

import duckdb
import png
import pytest

from warehouse.report import bar_chart, render, write_report

EVIL = '<script>alert("x")</script><img src=x onerror=alert(1)>'
BAR_RGB = (0x48, 0x78, 0xA8)


@pytest.fixture
def con():
    """A tiny warehouse as plain tables: just what the report reads, with hostile text."""
    c = duckdb.connect()
    c.execute("create table articles (article_id varchar, outlet varchar, run_id varchar)")
    c.execute("insert into articles values ('a1', ?, 'r1'), ('a2', 'Metro Post', 'r1'), "
              "('a3', 'Old Gazette', 'r0')", [EVIL])
    c.execute("create table quarantine (run_id varchar, stage varchar, reason varchar)")
    c.execute("insert into quarantine values ('r1', 'parse', 'malformed_json'), "
              "('r1', 'parse', 'malformed_json'), ('r1', 'decode', 'binary_content'), "
              "('r0', 'read', 'too_large')")
    c.execute("create table quotes (quote_id varchar, article_id varchar, speaker varchar, "
              "speaker_type varchar, speaker_entity_id varchar, cue varchar, text varchar, "
              "indirect boolean)")
    c.execute("insert into quotes values ('q1', 'a1', 'Ann Lee', 'person', 'p1', 'said', ?, false),"
              " ('q2', 'a2', 'A. Lee', 'person', 'p1', 'told', 'We go on.', false),"
              " ('q3', 'a3', 'Bob Old', 'person', 'p2', 'said', 'Yesterday.', false)", [EVIL])
    c.execute("create table people (entity_id varchar, name varchar)")
    c.execute("insert into people values ('p1', 'Ann Lee'), ('p2', 'Bob Old')")
    c.execute("create table organisations (entity_id varchar, name varchar)")
    yield c
    c.close()


SUMMARY = {"run_id": "r1", "status": "ok", "dumps": EVIL, "warehouse": "/w", "files_seen": 3,
           "records": 9, "articles_new": 2, "quarantined": 3, "seconds": 1.5,
           "stage_seconds": {"ingest": 1.0, "similarity": 0.25}, "stage_peak_mb": {"ingest": 200.0}}


def test_every_value_from_the_data_is_escaped(con):
    page = render(con, SUMMARY)
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


def test_sections_report_this_run_only_and_canonical_speakers(con):
    page = render(con, SUMMARY)
    assert "malformed_json" in page and "too_large" not in page  # r0's quarantine is not ours
    assert "Old Gazette" not in page and "Bob Old" not in page
    quoted = page[page.index("Most quoted"):page.index("New quotes")]
    assert quoted.count("Ann Lee") == 1 and "A. Lee" not in quoted  # one row per resolved person
    assert '<td class="n">2</td>' in quoted


def test_a_missing_view_is_reported_not_raised(con):
    page = render(con, SUMMARY)  # no figure_disagreements view in this warehouse
    section = page[page.index("Figures outlets disagree"):]
    assert "not available" in section


def test_bar_chart_scales_to_the_largest_value():
    svg = bar_chart([("a", 10), ("b", 5)], width=420)
    widths = [float(w) for w in __import__("re").findall(r'class="bar"[^>]*width="([\d.]+)"', svg)]
    assert widths[0] == pytest.approx(2 * widths[1])
    assert "nothing to chart" in bar_chart([])


def test_write_report_keeps_each_run_and_the_latest(con, tmp_path):
    path = write_report(tmp_path, con, SUMMARY)
    assert path == tmp_path / "reports" / "run-r1.html"
    assert (tmp_path / "report.html").read_text() == path.read_text()
    assert not [p for p in tmp_path.rglob(".*tmp*")]


def _chromium() -> str:
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe:
        return exe
    if os.environ.get("CI"):
        pytest.fail("chromium is missing: .ci/run installs Debian's chromium package")
    pytest.skip("chromium is not installed (apt-get install chromium)")
    raise AssertionError


def test_report_renders_with_its_charts_in_headless_chromium(con, tmp_path):
    exe = _chromium()
    page = write_report(tmp_path, con, SUMMARY)
    shot = tmp_path / "report.png"
    done = subprocess.run(
        [exe, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         "--window-size=1000,1400", f"--screenshot={shot}", page.as_uri()],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert shot.exists(), done.stderr[-2000:]
    _, _, rows, _ = png.Reader(filename=str(shot)).asRGBA8()
    bar_pixels = sum(
        1 for row in rows for i in range(0, len(row), 4)
        if abs(row[i] - BAR_RGB[0]) < 8 and abs(row[i + 1] - BAR_RGB[1]) < 8
        and abs(row[i + 2] - BAR_RGB[2]) < 8
    )
    assert bar_pixels > 2000, "no chart bars were painted"
    dom = subprocess.run([exe, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom",
                          page.as_uri()], capture_output=True, text=True, timeout=120,
                         check=False).stdout
    assert dom.count('class="bar"') >= 5 and "<script" not in dom


def test_a_night_over_nothing_new_says_so_without_counting_the_warehouse(con):
    quiet = {**SUMMARY, "run_id": "r9", "files_new": 0, "records": 0, "articles_new": 0,
             "quarantined": 0}
    page = render(con, quiet)
    assert "Nothing new" in page
    assert "in the warehouse" not in page and "Figures outlets disagree" not in page
    assert "Nothing new" not in render(con, SUMMARY)
