"""Find and read the seed files of an import: the folders given are a boundary.

An import reads regular files under the paths it is given and nothing else.
Wire folders are filled by other programs and other people, so anything else
found there is passed over with its path and the reason, and the run goes on:
a symbolic link (followed only when asked, and then never to a place outside
the folders given), a link loop, a named pipe (reading one would wait
forever), a device, a socket, a folder or a file that cannot be read, a file
name that cannot be an id. A file is checked again as it is opened, without
following a link or waiting on a pipe, so one swapped after the listing is
not read either.

Names are bytes to the system and need not be text: ``safe_display`` writes
any path in a form that is safe to print on a terminal and to store.
"""

import errno
import os
import stat
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..text.seeds import MAX_SEED_BYTES, seed_name_parts

# Characters a file name may not carry into an id: control and format
# characters (a terminal's escape, a bidi override) and line separators.
_CONTROL_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp"})
# Opening never follows a link, never waits on a pipe, and never leaks the
# descriptor into a worker process.
_OPEN_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
_READ_SIZE = 64 * 1024


class SeedPathError(Exception):
    """A path given to the importer does not exist."""


class SeedReadError(Exception):
    """A listed seed file that was not read; the message says why."""


@dataclass(frozen=True, slots=True)
class SeedFile:
    """A regular file to import.

    ``path`` is what is opened, ``display`` the name shown and stored for it
    (see ``safe_display``). ``identity`` is the device and inode the listing
    found: the file opened must be that one.
    """

    path: str
    display: str
    order: int | None
    source_id: str
    identity: tuple[int, int] | None = None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PassedOver:
    """A path that is not imported, and why.

    ``rejected`` marks what might hold wire copy but could not be read (an
    import reports it as rejected); ``notice`` marks what the user should
    hear about even without asking for every file (a link, a pipe).
    """

    display: str
    reason: str
    rejected: bool = False
    notice: bool = False

    @property
    def message(self) -> str:
        return f"{self.display}: {self.reason}"


def safe_display(path: str | bytes | os.PathLike) -> str:
    r"""Name a path so that it can be printed and stored, whatever its bytes.

    Bytes that are not UTF-8 are shown as ``\xNN`` and characters that are
    not printable (a terminal's escape, a newline, invisible ones) as
    ``\xNN``, ``\uNNNN`` or ``\UNNNNNNNN``. A backslash is doubled, so no
    name can pass for another.
    """
    if isinstance(path, str):
        if path.isascii() and path.isprintable() and "\\" not in path:
            return path
        try:
            raw = os.fsencode(path)
        except UnicodeEncodeError:  # a lone surrogate that came from no file name
            raw = path.encode("utf-8", "surrogatepass")
    else:
        raw = os.fsencode(path)
    return printable(raw.replace(b"\\", b"\\\\").decode("utf-8", "backslashreplace"))


def printable(text: str) -> str:
    """Return ``text`` with every character that is not printable escaped.

    For messages bound for a terminal: unlike ``safe_display`` it leaves
    backslashes alone, so the names already in a message read the same.
    """
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else _escape(char) for char in text)


def _escape(char: str) -> str:
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def find_seed_files(
    paths: Iterable[Path | str], *, follow_symlinks: bool = False
) -> tuple[list[SeedFile], list[PassedOver]]:
    """List the seed files under ``paths`` in import order, and what is passed over.

    Folders are read recursively, hidden ones (``.git``) excepted. Files are
    ordered by their NNN prefix, then by name; files without a prefix come
    after numbered ones. A file named twice (directly and through its folder)
    is imported once. ``follow_symlinks`` follows links whose target lies
    inside the folders (or is one of the files) given; otherwise every link,
    a named one included, is passed over.
    """
    finder = _Finder(follow_symlinks)
    given = []
    for path in map(Path, paths):
        shown = _display_path(path)
        try:
            info = os.lstat(path)
        except FileNotFoundError:
            raise SeedPathError(
                f"{safe_display(shown)}: no such file or folder"
            ) from None
        except OSError as error:  # in a folder that cannot be read, say
            finder.pass_over(shown, f"cannot be read ({error.strerror})", rejected=True)
            continue
        finder.add_boundary(str(path), info)
        given.append((os.path.abspath(path), shown, info))
    for path, shown, info in given:
        finder.visit(path, shown, info, folder=None)
    finder.follow_links()
    ordered = sorted(
        finder.seeds.values(),
        key=lambda seed: (
            seed.order is None,
            seed.order or 0,
            os.path.basename(seed.display),
            seed.display,
        ),
    )
    return ordered, finder.passed


class _Finder:
    """Walks the paths given, keeping to the boundary they draw."""

    def __init__(self, follow_symlinks: bool) -> None:
        self.follow_symlinks = follow_symlinks
        self.seeds: dict[str, SeedFile] = {}
        self.passed: list[PassedOver] = []
        # Real paths of the folders and files given: the boundary.
        self.folders: list[str] = []
        self.files: set[str] = set()
        # Real paths of the folders read, so that none is read twice.
        self.walked: set[str] = set()
        # Links to folders, followed once every real folder has been read, so
        # that a file is shown under its own folder rather than a link's.
        self.linked: list[tuple[str, str, str | None]] = []

    def add_boundary(self, path: str, info: os.stat_result) -> None:
        if stat.S_ISLNK(info.st_mode):
            if not self.follow_symlinks:
                return
            try:
                real = os.path.realpath(path, strict=True)
            except OSError:
                return  # reported as a broken link by visit()
        else:
            real = os.path.realpath(path)
        if os.path.isdir(real):
            self.folders.append(real)
        else:
            self.files.add(real)

    def pass_over(self, display: str, reason: str, **kind: bool) -> None:
        self.passed.append(PassedOver(safe_display(display), reason, **kind))

    def visit(
        self, path: str, display: str, info: os.stat_result, folder: str | None
    ) -> None:
        """Take in one path: ``folder`` is the real path of the folder it is in."""
        mode = info.st_mode
        if stat.S_ISLNK(mode):
            self.visit_link(path, display, folder)
        elif stat.S_ISDIR(mode):
            self.walk(path, display, os.path.realpath(path))
        elif stat.S_ISREG(mode):
            self.add_file(path, display, (info.st_dev, info.st_ino))
        else:
            self.pass_over(display, f"{_kind(mode)}, not a regular file", notice=True)

    def walk(self, top: str, display: str, real: str) -> None:
        """Read a folder and the folders below it (a stack: any depth will do)."""
        stack = [(top, display, real)]
        while stack:
            path, display, real = stack.pop()
            self.walked.add(real)
            try:
                device = os.stat(path).st_dev
                with os.scandir(path) as listing:
                    entries = sorted(listing, key=lambda entry: entry.name)
            except OSError as error:
                self.pass_over(
                    display,
                    f"folder cannot be read ({error.strerror})",
                    rejected=True,
                )
                continue
            below = []
            for entry in entries:
                shown = os.path.join(display, entry.name)
                if entry.is_file(follow_symlinks=False):
                    # Most entries: the listing says what they are, and a
                    # file's device is its folder's; no call per file.
                    self.add_file(entry.path, shown, (device, entry.inode()))
                    continue
                try:
                    # Not entry.stat(), which would keep the result for the
                    # whole listing: twice the memory of the rest.
                    info = os.lstat(entry.path)
                except OSError as error:
                    self.pass_over(
                        shown, f"cannot be read ({error.strerror})", rejected=True
                    )
                    continue
                if stat.S_ISDIR(info.st_mode):
                    if not entry.name.startswith("."):  # .git holds no wire copy
                        below.append(
                            (entry.path, shown, os.path.join(real, entry.name))
                        )
                else:
                    self.visit(entry.path, shown, info, folder=real)
            stack.extend(reversed(below))

    def visit_link(self, path: str, display: str, folder: str | None) -> None:
        try:
            target = os.path.realpath(path, strict=True)
            info = os.stat(target)
        except OSError as error:
            if error.errno == errno.ELOOP:
                reason = "a symbolic link loop; not followed"
            elif error.errno == errno.ENOENT:
                reason = "a symbolic link to nothing (its target is missing)"
            else:
                reason = f"a symbolic link that cannot be followed ({error.strerror})"
            self.pass_over(display, reason, notice=True)
            return
        shown_target = safe_display(target)
        if not self.follow_symlinks:
            reason = (
                f"a symbolic link (to {shown_target}); links are not followed "
                "without --follow-symlinks"
            )
        elif not self.inside(target):
            reason = (
                f"a symbolic link to {shown_target}, outside the folders given; "
                "not followed"
            )
        elif stat.S_ISREG(info.st_mode):
            # Read under the link's name, like a copy of the file put there.
            self.add_file(path, display, (info.st_dev, info.st_ino), opened=target)
            return
        elif stat.S_ISDIR(info.st_mode):
            self.linked.append((display, target, folder))
            return
        else:
            reason = f"a symbolic link to {_kind(info.st_mode)}; not followed"
        self.pass_over(display, reason, notice=True)

    def follow_links(self) -> None:
        """Read the folders that links lead to, unless read already."""
        while self.linked:
            display, target, folder = self.linked.pop(0)
            shown_target = safe_display(target)
            if folder is not None and _within(folder, target):
                reason = (
                    f"a symbolic link loop (to {shown_target}, a folder holding "
                    "it); not followed"
                )
            elif target in self.walked:
                reason = f"a symbolic link to {shown_target}, a folder read already"
            else:
                self.walk(target, display, target)
                continue
            self.pass_over(display, reason, notice=True)

    def inside(self, target: str) -> bool:
        return target in self.files or any(
            _within(target, folder) for folder in self.folders
        )

    def add_file(
        self, path: str, display: str, identity: tuple[int, int], opened: str = ""
    ) -> None:
        """Take in a regular file; ``opened`` is the file a link leads to.

        ``identity`` is its device and inode, which the file read must have.
        """
        name = os.path.basename(path)
        if name.startswith("."):
            self.pass_over(display, "hidden file (its name starts with a dot)")
            return
        text, warnings = _name_text(name, display)
        parts = seed_name_parts(text)
        if parts is None:
            self.pass_over(display, "not a .txt seed file")
            return
        order, source_id = parts
        if "\ufffd" in text:
            self.pass_over(
                display,
                "the file name is neither UTF-8 nor Windows-1252; rename the file",
                rejected=True,
            )
            return
        if control := _control_character(text):
            self.pass_over(
                display,
                f"the file name holds the control character U+{ord(control):04X}; "
                "rename the file",
                rejected=True,
            )
            return
        self.seeds.setdefault(
            path,
            SeedFile(
                opened or path,
                safe_display(display),
                order,
                source_id,
                identity,
                warnings,
            ),
        )


def read_seed_file(seed_file: SeedFile) -> bytes:
    """Return the bytes of a listed seed file, at most the seed size limit + 1.

    Raise ``SeedReadError`` if it cannot be read, or if it is no longer the
    regular file that was listed (a link or a pipe put in its place).
    """
    try:
        descriptor = os.open(seed_file.path, _OPEN_FLAGS)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise SeedReadError(
                "became a symbolic link after it was listed; not read"
            ) from None
        raise SeedReadError(f"cannot be read ({error.strerror})") from None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise SeedReadError(
                f"became {_kind(info.st_mode)} after it was listed; not read"
            )
        if seed_file.identity not in (None, (info.st_dev, info.st_ino)):
            raise SeedReadError("was replaced after it was listed; not read")
        # The parser rejects a seed over the limit; one byte more tells it
        # so. Asking for the file's size (+1, to see the end) rather than
        # the limit saves allocating the limit for every file.
        limit, chunks, size = MAX_SEED_BYTES + 1, [], 0
        wanted = min(info.st_size + 1, limit)
        while size < limit and (chunk := os.read(descriptor, wanted)):
            chunks.append(chunk)
            size += len(chunk)
            if len(chunk) < wanted:
                break  # a regular file reads short only at its end
            wanted = min(_READ_SIZE, limit - size)
        return b"".join(chunks)
    except OSError as error:
        raise SeedReadError(f"cannot be read ({error.strerror})") from None
    finally:
        os.close(descriptor)


def _name_text(name: str, display: str) -> tuple[str, tuple[str, ...]]:
    """Return a file name as text, and a warning if it was not UTF-8.

    Like the lines of a seed, a name that is not UTF-8 (an archive made on
    Windows) is read as Windows-1252: ``caf\\xe9.txt`` gets the id "café".
    """
    if name.isascii():
        return name, ()
    raw = os.fsencode(name)
    try:
        return raw.decode("utf-8"), ()
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    warning = (
        f"{safe_display(display)}: the file name is not UTF-8; "
        f"read as Windows-1252 ({printable(text)})"
    )
    return text, (warning,)


def _control_character(text: str) -> str | None:
    if text.isprintable():  # none of these categories is printable
        return None
    return next(
        (char for char in text if unicodedata.category(char) in _CONTROL_CATEGORIES),
        None,
    )


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "a special file"


def _within(path: str, folder: str) -> bool:
    """Whether real path ``path`` is ``folder`` or lies below it."""
    return os.path.commonpath([path, folder]) == folder


def _display_path(path: Path) -> str:
    """Name a path as the user would: relative when under the working folder."""
    try:
        return str(path.absolute().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
