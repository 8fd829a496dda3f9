"""The wire folder is a boundary: an import reads regular files under it, nothing else.

What else turns up there (links, loops, pipes, devices, what cannot be read,
names that are not text) is reported by path and reason, and never stops the
other files from importing.
"""

import os
import shutil
import socket
import stat
import tempfile
import threading
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest

from articles.ingest import import_seeds
from articles.ingest import service as importer
from articles.ingest.discovery import SeedFile, read_seed_file, safe_display
from articles.models import Article
from articles.text.seeds import MAX_SEED_BYTES

pytestmark = pytest.mark.django_db

GOOD = "Harbour Reopens After Storm\n\nShips returned to the harbour at dawn.\n"
SECRET = "SECRET_KEY = 'do-not-publish'\n\nDATABASE_PASSWORD = 'hunter2'\n"
NOBODY = 65534


def write(folder: Path, name: str | bytes, content: str = GOOD) -> Path:
    path = Path(os.fsdecode(os.path.join(os.fsencode(folder), os.fsencode(name))))
    path.write_text(content, encoding="utf-8")
    return path


def by_name(result) -> dict[str, tuple[str, str]]:
    return {
        Path(item.path).name: (str(item.outcome), item.reason) for item in result.files
    }


@pytest.fixture
def outside(tmp_path) -> Path:
    """Secrets beside the wire folder, where a link could lead."""
    folder = tmp_path / "outside"
    folder.mkdir()
    write(folder, "settings.txt", SECRET)
    write(folder, "settings.py", SECRET)
    return folder


@pytest.fixture
def wire(tmp_path) -> Path:
    folder = tmp_path / "wire"
    folder.mkdir()
    write(folder, "001_good.txt")
    return folder


def assert_nothing_secret_published() -> None:
    assert not Article.objects.filter(body__contains="hunter2").exists()
    assert not Article.objects.filter(headline__contains="SECRET").exists()


class LinkTests:
    def test_a_link_out_of_the_wire_folder_is_skipped_and_reported_not_published(
        self, wire, outside
    ):
        (wire / "401_passwd.txt").symlink_to(outside / "settings.txt")
        (wire / "402_settings.txt").symlink_to(outside / "settings.py")
        for follow in (False, True):
            result = import_seeds([wire], follow_symlinks=follow)

            assert_nothing_secret_published()
            files = by_name(result)
            for name in ("401_passwd.txt", "402_settings.txt"):
                outcome, reason = files[name]
                assert outcome == "skipped"
                assert "symbolic link" in reason and str(outside) in reason
                if follow:
                    assert "outside the folders given" in reason
            assert Article.objects.get().source_id == "good"

    def test_a_skipped_link_is_a_warning_the_user_sees(self, wire, outside):
        (wire / "401_passwd.txt").symlink_to(outside / "settings.txt")
        result = import_seeds([wire])
        skipped = next(item for item in result.files if item.outcome == "skipped")
        assert skipped.warnings == (
            f"{wire}/401_passwd.txt: a symbolic link (to {outside}/settings.txt); "
            "links are not followed without --follow-symlinks",
        )

    def test_follow_symlinks_reads_links_that_stay_inside_the_folders_given(
        self, tmp_path, wire, outside
    ):
        archive = tmp_path / "archive"
        archive.mkdir()
        write(archive, "010_archived.txt", GOOD.replace("Storm", "Gale"))
        (wire / "latest").symlink_to(archive)
        (wire / "002_alias.txt").symlink_to(wire / "001_good.txt")
        (wire / "003_out.txt").symlink_to(outside / "settings.txt")

        skipped = import_seeds([wire])
        assert set(Article.objects.values_list("source_id", flat=True)) == {"good"}
        assert by_name(skipped)["latest"][0] == "skipped"

        import_seeds([wire, archive], follow_symlinks=True)
        assert set(Article.objects.values_list("source_id", flat=True)) == {
            "good",
            "alias",
            "archived",
        }
        assert_nothing_secret_published()

    def test_a_link_named_on_the_command_line_is_a_link_too(self, tmp_path, wire):
        named = tmp_path / "seeds"
        named.symlink_to(wire)

        result = import_seeds([named])
        assert not Article.objects.exists()
        outcome, reason = by_name(result)["seeds"]
        assert outcome == "skipped" and f"to {wire}" in reason

        import_seeds([named], follow_symlinks=True)
        article = Article.objects.get()
        assert article.source_file == f"{named}/001_good.txt"

    def test_loops_dangling_links_and_links_back_up_are_reported_not_followed(
        self, wire
    ):
        (wire / "loop_a").symlink_to(wire / "loop_b")
        (wire / "loop_b").symlink_to(wire / "loop_a")
        (wire / "002_gone.txt").symlink_to(wire / "deleted.txt")
        (wire / "desk").mkdir()
        write(wire / "desk", "003_desk.txt", GOOD.replace("Storm", "Wind"))
        (wire / "desk" / "up").symlink_to(wire)
        (wire / "mirror").symlink_to(wire / "desk")

        for follow in (False, True):
            files = by_name(import_seeds([wire], follow_symlinks=follow))
            assert files["loop_a"] == ("skipped", "a symbolic link loop; not followed")
            assert files["002_gone.txt"] == (
                "skipped",
                "a symbolic link to nothing (its target is missing)",
            )
            assert "symbolic link" in files["up"][1]
            assert "symbolic link" in files["mirror"][1]
            if follow:
                assert "loop" in files["up"][1]
                assert "read already" in files["mirror"][1]
        assert set(Article.objects.values_list("source_id", flat=True)) == {
            "good",
            "desk",
        }


class SpecialFileTests:
    def test_a_named_pipe_or_socket_is_reported_and_never_opened(self, wire):
        os.mkfifo(wire / "002_pipe.txt")
        with closing(socket.socket(socket.AF_UNIX)) as listener:
            listener.bind(str(wire / "003_socket.txt"))
            # Opening the pipe would wait for a writer for ever.
            result = import_seeds([wire])
        files = by_name(result)
        assert files["002_pipe.txt"] == (
            "skipped",
            "a named pipe (FIFO), not a regular file",
        )
        assert files["003_socket.txt"] == ("skipped", "a socket, not a regular file")
        assert Article.objects.get().source_id == "good"

    def test_a_device_is_reported_and_never_opened(self, wire):
        try:
            os.mknod(wire / "002_zero.txt", stat.S_IFCHR | 0o644, os.makedev(1, 5))
        except PermissionError:
            pytest.skip("creating a device needs CAP_MKNOD")
        result = import_seeds([wire])
        assert by_name(result)["002_zero.txt"] == (
            "skipped",
            "a device, not a regular file",
        )
        assert Article.objects.get().source_id == "good"


@contextmanager
def unprivileged() -> Iterator[None]:
    """Run as nobody while a root test process reads files: root reads anything."""
    if os.geteuid() != 0:
        yield
        return
    os.setegid(NOBODY)
    os.seteuid(NOBODY)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)


@pytest.fixture
def open_folder() -> Iterator[Path]:
    """A folder nobody may enter (pytest's own temporary folders are root's)."""
    folder = Path(tempfile.mkdtemp(prefix="newsroom-wire-"))
    folder.chmod(0o755)
    yield folder
    for path in [folder, *folder.rglob("*")]:
        if not path.is_symlink():
            path.chmod(0o755)
    shutil.rmtree(folder)


def test_an_unreadable_file_or_subfolder_is_rejected_by_name_and_the_rest_imports(
    open_folder,
):
    write(open_folder, "001_good.txt")
    locked = open_folder / "2026" / "locked"
    locked.mkdir(parents=True)
    write(locked, "005_hidden_story.txt")
    write(open_folder / "2026", "004_next_door.txt", GOOD.replace("Storm", "Gale"))
    unreadable = write(open_folder, "002_unreadable.txt")
    for path in (unreadable, locked):
        path.chmod(0)

    with unprivileged():
        result = import_seeds([open_folder, locked / "005_hidden_story.txt"])

    rejected = {item.path: item.reason for item in result.rejected}
    assert rejected == {
        f"{locked}": "folder cannot be read (Permission denied)",
        f"{locked}/005_hidden_story.txt": "cannot be read (Permission denied)",
        f"{unreadable}": "cannot be read (Permission denied)",
    }
    assert set(Article.objects.values_list("source_id", flat=True)) == {
        "good",
        "next_door",
    }


class FileNameTests:
    def test_a_file_name_that_is_not_utf8_imports_and_is_shown_escaped(self, wire):
        write(wire, b"601_caf\xe9.txt", GOOD.replace("Harbour", "Cafe"))
        result = import_seeds([wire])

        assert result.count("created") == 2 and not result.rejected
        cafe = Article.objects.get(source_id="café")
        assert cafe.source_file == f"{wire}/601_caf\\xe9.txt"
        report = next(item for item in result.files if item.source_id == "café")
        assert report.path == f"{wire}/601_caf\\xe9.txt"
        assert report.warnings == (
            f"{wire}/601_caf\\xe9.txt: the file name is not UTF-8; "
            "read as Windows-1252 (601_café.txt)",
        )

    def test_a_file_name_with_control_characters_is_rejected_and_shown_escaped(
        self, wire
    ):
        write(wire, "602_\x1b[31mred\x07.txt")
        write(wire, "notes\x1b]0;owned\x07.md")
        result = import_seeds([wire])

        assert [(item.path, item.reason) for item in result.rejected] == [
            (
                f"{wire}/602_\\x1b[31mred\\x07.txt",
                "the file name holds the control character U+001B; rename the file",
            )
        ]
        assert all(item.path.isprintable() for item in result.files)
        assert Article.objects.get().source_id == "good"

    @pytest.mark.parametrize(
        ("name", "shown"),
        [
            (b"plain.txt", "plain.txt"),
            (b"caf\xc3\xa9.txt", "café.txt"),
            (b"caf\xe9.txt", "caf\\xe9.txt"),
            (b"a\\xe9.txt", "a\\\\xe9.txt"),
            (b"\x1b[2J\n\r\t\x7f.txt", "\\x1b[2J\\x0a\\x0d\\x09\\x7f.txt"),
            ("\u202etxt.exe".encode(), "\\u202etxt.exe"),
            ("line\u2028break".encode(), "line\\u2028break"),
        ],
    )
    def test_any_name_is_shown_safely_and_no_two_names_look_alike(self, name, shown):
        assert safe_display(name) == shown
        assert safe_display(os.fsdecode(name)) == shown


@contextmanager
def unblocking(fifo: Path) -> Iterator[None]:
    """Should the import open ``fifo`` and wait, write to it: fail, never hang."""

    def write_end() -> None:
        try:
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        except OSError:
            pass  # nobody is waiting on it

    timer = threading.Timer(10, write_end)
    timer.start()
    try:
        yield
    finally:
        timer.cancel()


def test_a_file_swapped_after_the_listing_is_not_read(
    tmp_path, wire, outside, monkeypatch
):
    """Between listing and reading, a feed (or an attacker) changes the folder."""
    (wire / "desk").mkdir()
    write(wire / "desk", "003_settings.txt", GOOD)
    (outside / "desk-copy").mkdir()
    write(outside / "desk-copy", "003_settings.txt", SECRET)
    write(wire, "004_pipe.txt")
    write(wire, "005_link.txt")
    listed = importer.find_seed_files

    def list_then_swap(*args, **kwargs):
        found = listed(*args, **kwargs)
        (wire / "desk").rename(tmp_path / "desk-was")
        (wire / "desk").symlink_to(outside / "desk-copy")
        (wire / "004_pipe.txt").unlink()
        os.mkfifo(wire / "004_pipe.txt")
        (wire / "005_link.txt").unlink()
        (wire / "005_link.txt").symlink_to(outside / "settings.txt")
        return found

    monkeypatch.setattr(importer, "find_seed_files", list_then_swap)
    with unblocking(wire / "004_pipe.txt"):
        result = import_seeds([wire])

    assert_nothing_secret_published()
    assert {Path(item.path).name: item.reason for item in result.rejected} == {
        "003_settings.txt": "was replaced after it was listed; not read",
        "004_pipe.txt": "became a named pipe (FIFO) after it was listed; not read",
        "005_link.txt": "became a symbolic link after it was listed; not read",
    }
    assert Article.objects.get().source_id == "good"


def test_a_seed_is_read_no_further_than_one_byte_past_the_size_limit(tmp_path):
    huge = tmp_path / "001_huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(4 * 1024**3)  # a sparse file: 4 GB that take no room
    info = huge.stat()
    data = read_seed_file(
        SeedFile(str(huge), "001_huge.txt", 1, "huge", (info.st_dev, info.st_ino))
    )
    assert len(data) == MAX_SEED_BYTES + 1


def test_a_folder_nested_deeper_than_pythons_recursion_limit_is_read(tmp_path):
    # os.makedirs and shutil.rmtree recurse too: build and remove by hand.
    folders = [tmp_path / "wire"]
    for _ in range(1200):
        folders.append(folders[-1] / "d")
    for folder in folders:
        folder.mkdir()
    seed = write(folders[-1], "001_deep.txt")
    try:
        result = import_seeds([folders[0]])
    finally:
        seed.unlink()
        for folder in reversed(folders):
            folder.rmdir()

    assert by_name(result) == {"001_deep.txt": ("created", "")}
    # The path is kept in full in the report, and its tail on the article.
    assert result.files[0].path == str(seed)
    stored = Article.objects.get().source_file
    assert len(stored) == 500 and stored.endswith("/d/d/001_deep.txt")
