"""What an import did with each file, and the run as a whole."""

import enum
from dataclasses import dataclass, field


class Outcome(enum.StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    KEPT = "kept-editor-changes"
    SKIPPED = "skipped"
    REJECTED = "rejected"


_LABELS = [
    (Outcome.CREATED, "created"),
    (Outcome.UPDATED, "updated"),
    (Outcome.UNCHANGED, "unchanged"),
    (Outcome.KEPT, "kept editor changes"),
    (Outcome.SKIPPED, "skipped"),
    (Outcome.REJECTED, "rejected"),
]


@dataclass(slots=True)
class FileResult:
    path: str
    outcome: Outcome
    source_id: str = ""
    reason: str = ""
    warnings: tuple[str, ...] = ()
    article_id: int | None = None
    line: int | None = None

    @property
    def message(self) -> str:
        """Where and why, e.g. "seeds/a.txt, line 3: headline is too long"."""
        where = self.path if self.line is None else f"{self.path}, line {self.line}"
        return f"{where}: {self.reason}" if self.reason else where

    def as_dict(self) -> dict:
        return {
            "path": self.path,
            "outcome": str(self.outcome),
            "source_id": self.source_id,
            "line": self.line,
            "reason": self.reason,
            "warnings": list(self.warnings),
            "article_id": self.article_id,
        }


@dataclass
class ImportResult:
    files: list[FileResult] = field(default_factory=list)
    dry_run: bool = False
    rolled_back: bool = False

    def count(self, outcome: Outcome) -> int:
        return sum(1 for result in self.files if result.outcome == outcome)

    @property
    def counts(self) -> dict[str, int]:
        return {str(outcome): self.count(outcome) for outcome in Outcome}

    @property
    def rejected(self) -> list[FileResult]:
        return [result for result in self.files if result.outcome == Outcome.REJECTED]

    @property
    def written(self) -> bool:
        """Whether anything this run reported was actually saved."""
        return not (self.dry_run or self.rolled_back)

    def summary(self) -> str:
        counts = self.counts
        parts = ", ".join(
            f"{counts[str(outcome)]} {label}" for outcome, label in _LABELS
        )
        files = len(self.files)
        line = f"{files} file{'s' if files != 1 else ''}: {parts}."
        if self.dry_run:
            line += " Dry run: nothing was written."
        elif self.rolled_back:
            line += " Strict: nothing was written because a file was rejected."
        return line

    def as_report(self) -> dict:
        return {
            "dry_run": self.dry_run,
            "rolled_back": self.rolled_back,
            "counts": self.counts,
            "files": [result.as_dict() for result in self.files],
        }
