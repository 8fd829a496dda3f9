"""``import_seeds`` as a service: find seed files, read them in batches, write them.

``discovery`` finds and reads the files (the boundary with the file system),
``workers`` parses them in other processes with the pure ``articles.text``
rules, ``writes`` writes each batch through the models' bulk SQL, and
``service`` runs the batches: one transaction each, retried file by file
when the database refuses one.
"""

import importlib

# Loaded on first use: a parsing worker imports ``ingest.workers`` in a
# fresh interpreter without Django set up, and must not load the models.
_PUBLIC = {
    "FileResult": "results",
    "ImportResult": "results",
    "Outcome": "results",
    "IMPORT_RULES_VERSION": "service",
    "content_hash": "service",
    "import_seeds": "service",
    "refresh_statistics": "service",
}

__all__ = sorted(_PUBLIC)


def __getattr__(name: str) -> object:
    if name not in _PUBLIC:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{_PUBLIC[name]}", __name__), name)
