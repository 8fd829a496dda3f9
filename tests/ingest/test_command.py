import json
import os
import re
import sqlite3
import subprocess
import sys
from contextlib import closing
from io import StringIO
from pathlib import Path

import pytest

from django.core.management import CommandError, call_command
from django.utils.html import escape

from articles.models import Article

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_seeds", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_default_import_of_the_project_seeds_reads_correctly_on_its_page(client):
    out, err = run()
    assert "1 file: 1 created, 0 updated, 0 unchanged" in out
    assert err == ""

    article = Article.objects.get()
    html = client.get(article.get_absolute_url()).content.decode()
    headline = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)
    assert " ".join(headline.split()) == (
        "Russia Recruiting Prisoners To Fight in Ukraine War in Exchange for Freedom"
    )
    assert re.search(r'class="[^"]*label[^"]*"[^>]*>\s*REPORT\s*<', html)
    assert "Olga Maltseva/AFP via Getty Images" in html
    subheadings = [
        " ".join(h.split()) for h in re.findall(r"<h2[^>]*>(.*?)</h2>", html, re.S)
    ]
    assert "Russia&#x27;s Recruitment of Prisoners" in subheadings
    assert "Fighting in Ukraine" in subheadings
    for paragraph in article.body_items():
        if paragraph.block.is_paragraph:
            assert escape(paragraph.block.text) in html
    assert "Russia Launches Iranian Satellite Into Space" in html
    assert "Training on Iranian Drones" in html

    out, _ = run("-v", "2")
    assert "unchanged: seeds/000_0068e990f459f926.txt" in out


def test_rejected_files_are_named_with_line_and_reason_and_fail_the_command(
    tmp_path,
):
    (tmp_path / "001_good.txt").write_text("Harbour reopens\n\nShips return.\n")
    (tmp_path / "002_bad.txt").write_text("(Photo : Getty Images)\nNo headline.\n")
    (tmp_path / "readme.md").write_text("notes")
    report = tmp_path / "report.json"
    err = StringIO()
    with pytest.raises(CommandError, match="1 file\\(s\\) rejected"):
        call_command(
            "import_seeds",
            str(tmp_path),
            "--report",
            str(report),
            stdout=StringIO(),
            stderr=err,
        )
    assert f"Rejected {tmp_path}/002_bad.txt, line 1: no headline" in err.getvalue()
    assert Article.objects.get().headline == "Harbour reopens"
    data = json.loads(report.read_text())
    assert data["counts"] == {
        "created": 1,
        "updated": 0,
        "unchanged": 0,
        "kept-editor-changes": 0,
        "skipped": 1,
        "rejected": 1,
    }


def test_misuse_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="no such file or folder"):
        run(str(tmp_path / "nowhere"))
    with pytest.raises(CommandError, match="No section with the slug 'gossip'"):
        run("--section", "gossip")


def test_dry_run_and_draft_options_reach_the_importer(tmp_path):
    (tmp_path / "a.txt").write_text("Harbour reopens\n\nShips return.\n")
    out, _ = run(str(tmp_path), "--dry-run")
    assert "Dry run: nothing was written." in out
    assert not Article.objects.exists()
    run(str(tmp_path), "--draft", "--section", "business")
    article = Article.objects.get()
    assert (article.status, article.section.slug) == ("draft", "business")


def test_escape_codes_in_file_names_never_reach_the_terminal(tmp_path):
    (tmp_path / "001_\x1b]0;owned\x07.txt").write_text("Harbour\n\nShips.\n")
    (tmp_path / "notes\x1b[2J.md").write_text("notes")
    (tmp_path / "002_good.txt").write_text("Harbour reopens\n\nShips return.\n")
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="1 file\\(s\\) rejected"):
        call_command("import_seeds", str(tmp_path), "-v", "2", stdout=out, stderr=err)

    assert "\x1b" not in out.getvalue() + err.getvalue()
    assert "\x07" not in out.getvalue() + err.getvalue()
    assert f"Rejected {tmp_path}/001_\\x1b]0;owned\\x07.txt: " in err.getvalue()
    assert f"skipped: {tmp_path}/notes\\x1b[2J.md: " in out.getvalue()
    assert Article.objects.get().source_id == "good"


def test_a_file_name_that_is_not_utf8_imports_and_the_report_is_written(tmp_path):
    wire = tmp_path / "wire"
    wire.mkdir()
    (wire / os.fsdecode(b"601_caf\xe9.txt")).write_text("Caf\u00e9 reopens\n\nYes.\n")
    (wire / "602_tea.txt").write_text("Tea room reopens\n\nYes.\n")
    report = tmp_path / "report.json"
    out, err = run(str(wire), "--report", str(report))

    assert "2 files: 2 created" in out
    assert "601_caf\\xe9.txt: the file name is not UTF-8" in err
    paths = {
        item["path"]: item["outcome"]
        for item in json.loads(report.read_text())["files"]
    }
    assert paths == {
        f"{wire}/601_caf\\xe9.txt": "created",
        f"{wire}/602_tea.txt": "created",
    }


@pytest.mark.slow
def test_links_are_skipped_with_a_warning_unless_follow_symlinks(tmp_path):
    wire = tmp_path / "wire"
    (wire / "desk").mkdir(parents=True)
    (wire / "desk" / "003_desk.txt").write_text("Harbour reopens\n\nShips return.\n")
    (tmp_path / "secret.txt").write_text("Password\n\nhunter2\n")
    (wire / "001_outside.txt").symlink_to(tmp_path / "secret.txt")
    (wire / "002_inside.txt").symlink_to(wire / "desk" / "003_desk.txt")

    out, err = run(str(wire))
    assert "3 files: 1 created, 0 updated, 0 unchanged" in out
    assert f"Warning: {wire}/001_outside.txt: a symbolic link (to {tmp_path}" in err
    assert f"Warning: {wire}/002_inside.txt: a symbolic link (to {wire}" in err

    out, err = run(str(wire), "--follow-symlinks")
    assert f"Warning: {wire}/001_outside.txt: a symbolic link to " in err
    assert "outside the folders given" in err
    assert set(Article.objects.values_list("source_id", flat=True)) == {
        "desk",
        "inside",
    }


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    """Run manage.py in a process of its own, as a user would from the shell."""
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_command_exits_non_zero_without_a_traceback(tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01binary")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    assert manage(env, "migrate", "-v0").returncode == 0
    result = manage(env, "import_seeds", str(tmp_path))
    assert result.returncode == 1
    assert "bad.txt, line 1: binary file" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_a_sqlite_file_database_is_whole_after_an_import(tmp_path):
    """The site's own SQLite file, in WAL mode, with its log copied alongside."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for number in range(30):
        (seeds / f"{number:03}_wire{number}.txt").write_text(
            f"Harbour Story Number {number}\n(Photo: REUTERS/Jane Doe)\n\n"
            f"Dock workers in Harbour Town met for the {number}th time.\n\n"
            f"Related Article: Harbour Story Number {(number + 1) % 30}\n",
            encoding="utf-8",
        )
    database = tmp_path / "site.sqlite3"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DJANGO_SECRET_KEY": "test-only",
        "DATABASE_URL": f"sqlite:///{database}",
    }
    assert manage(env, "migrate", "-v0").returncode == 0
    for _ in range(2):
        result = manage(env, "import_seeds", str(seeds))
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr

    assert "30 files: 0 created, 0 updated, 30 unchanged" in result.stdout
    with closing(sqlite3.connect(database)) as db:
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("SELECT COUNT(*) FROM articles_article").fetchone() == (30,)
        unresolved = "SELECT COUNT(*) FROM articles_relatedlink WHERE target_id IS NULL"
        assert db.execute(unresolved).fetchone() == (0,)
