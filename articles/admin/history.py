"""What the History of an article shows: differences, and changes made elsewhere.

An article's own saves are recorded by simple-history. What readers see of
it also lives in other rows (its links, its lead photo and credit, its tags,
its section); a change to those is written to the article's History here,
with who and why, through ``ArticleQuerySet.record_change``. Restoring a
version is a screen of its own, in ``revert``.
"""

import difflib
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager

from simple_history.template_utils import HistoricalRecordContextHelper

from django.db.models import Model, QuerySet
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst

from ..models import Article, RelatedLink
from .common import join_words, quoted

# difflib compares every item of one side with every item of the other: two
# versions of an 8,000-word paragraph took 6 s. Past this many pairs a
# paragraph (or a whole text) is shown as taken out and put back instead.
MAX_DIFF_PAIRS = 1_000_000


def _comparable(old: list[str], new: list[str]) -> bool:
    return len(old) * len(new) <= MAX_DIFF_PAIRS


def text_diff(old: str, new: str) -> SafeString:
    """Return an HTML difference of two texts, paragraph by paragraph.

    A changed paragraph shows the words taken out and put in, so a one-word
    correction in a long paragraph is easy to spot.
    """
    old_lines = [line for line in (old or "").splitlines() if line.strip()]
    new_lines = [line for line in (new or "").splitlines() if line.strip()]
    rows = []
    if _comparable(old_lines, new_lines):
        matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
        opcodes = matcher.get_opcodes()
    else:
        opcodes = [("delete", 0, len(old_lines), 0, 0)]
        opcodes += [("insert", len(old_lines), len(old_lines), 0, len(new_lines))]
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            if i2 - i1 > 2:
                rows.append(format_html('<p class="diff-same">{}</p>', old_lines[i1]))
                rows.append(mark_safe('<p class="diff-skip">…</p>'))
                rows.append(
                    format_html('<p class="diff-same">{}</p>', old_lines[i2 - 1])
                )
            else:
                rows.extend(
                    format_html('<p class="diff-same">{}</p>', line)
                    for line in old_lines[i1:i2]
                )
        elif tag == "replace" and i2 - i1 == j2 - j1:
            for before, after in zip(old_lines[i1:i2], new_lines[j1:j2], strict=True):
                rows += _paragraph_diff(before, after)
        else:
            rows.extend(
                format_html('<p class="diff-removed"><del>{}</del></p>', line)
                for line in old_lines[i1:i2]
            )
            rows.extend(
                format_html('<p class="diff-added"><ins>{}</ins></p>', line)
                for line in new_lines[j1:j2]
            )
    return mark_safe('<div class="text-diff">' + "".join(rows) + "</div>")


def _paragraph_diff(old: str, new: str) -> list[SafeString]:
    if _comparable(old.split(" "), new.split(" ")):
        return [format_html('<p class="diff-changed">{}</p>', _words_diff(old, new))]
    return [
        format_html('<p class="diff-removed"><del>{}</del></p>', old),
        format_html('<p class="diff-added"><ins>{}</ins></p>', new),
    ]


def _words_diff(old: str, new: str) -> SafeString:
    old_words, new_words = old.split(" "), new.split(" ")
    parts = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            parts.append(format_html("{}", " ".join(old_words[i1:i2])))
            continue
        if i2 > i1:
            parts.append(format_html("<del>{}</del>", " ".join(old_words[i1:i2])))
        if j2 > j1:
            parts.append(format_html("<ins>{}</ins>", " ".join(new_words[j1:j2])))
    return mark_safe(" ".join(parts))


class ArticleChangeHelper(HistoricalRecordContextHelper):
    """Show long text fields of a change as a difference, others as old → new.

    The tags and links after the body a version keeps are compared too.
    """

    long_text_fields = frozenset({"body", "dek"})

    def context_for_delta_changes(self, delta) -> list[dict]:
        context = super().context_for_delta_changes(delta)
        for entry, change in zip(context, delta.changes, strict=True):
            if change.field in self.long_text_fields:
                entry["diff"] = text_diff(change.old, change.new)
        old, new = delta.old_record, delta.new_record
        # None: a version saved before the History kept them.
        if None not in (old.tag_names, new.tag_names) and (
            old.tag_names != new.tag_names
        ):
            context.append(
                {
                    "field": "Tags",
                    "old": ", ".join(old.tag_names) or "none",
                    "new": ", ".join(new.tag_names) or "none",
                }
            )
        if None not in (old.links_after, new.links_after) and (
            old.links_after != new.links_after
        ):
            context.append(
                {
                    "field": "Links after the body",
                    "old": link_titles(old.links_after),
                    "new": link_titles(new.links_after),
                }
            )
        return context


def link_titles(links: list[dict]) -> str:
    return "; ".join(link_text(link) for link in links) or "none"


def link_text(link: dict, headlines: dict[int, str] | None = None) -> str:
    if link["target"] is not None:
        if headlines is None:
            return f"{link['title']} → article {link['target']}"
        return f"{link['title']} → {quoted(headlines[link['target']], 60)}"
    if link["url"]:
        return f"{link['title']} → {link['url']}"
    return f"{link['title']} (no article yet: shown as text)"


def describe_link_formsets(formsets) -> str:
    """Say what the article form's link inline added, changed and removed."""
    notes = []
    for formset in formsets:
        if formset.model is not RelatedLink:
            continue
        notes += [f"added link {quoted(link)}" for link in formset.new_objects]
        notes += [f"changed link {quoted(link)}" for link, _ in formset.changed_objects]
        notes += [f"removed link {quoted(link)}" for link in formset.deleted_objects]
    return capfirst("; ".join(notes))


def describe_tag_change(form) -> str:
    """Say which tags the article form added and removed."""
    if "tags" not in form.changed_data:
        return ""
    before = {tag.name for tag in form.initial.get("tags") or []}
    after = set(form.cleaned_data.get("tags") or [])
    notes = []
    if added := sorted(after - before):
        notes.append(f"tags added: {', '.join(quoted(name) for name in added)}")
    if removed := sorted(before - after):
        notes.append(f"tags removed: {', '.join(quoted(name) for name in removed)}")
    return capfirst("; ".join(notes))


def link_destination(link: RelatedLink) -> str:
    """Name where a link goes: its article, its web address, or nowhere."""
    if link.target_id is not None:
        return quoted(link.target.headline)
    if link.url:
        return quoted(link.url)
    return "no article (shown as text)"


def describe_link_change(old: RelatedLink, new: RelatedLink) -> str:
    """Say how a link changed on its article, as its History should read."""
    notes = []
    if old.title != new.title:
        notes.append(f"Link {quoted(old.title)} retitled {quoted(new.title)}")
    if (old.target_id, old.url) != (new.target_id, new.url):
        notes.append(f"Link {quoted(new.title)} retargeted to {link_destination(new)}")
    if (old.placement, old.position) != (new.placement, new.position):
        notes.append(
            f"Link {quoted(new.title)} moved to position {new.position + 1} "
            f"({new.get_placement_display().lower()})"
        )
    return "; ".join(notes)


def changed_fields(form, names: list[str]) -> str:
    """Name the fields of ``names`` the form changed, by their labels."""
    model = form._meta.model
    return join_words(
        [
            str(model._meta.get_field(name).verbose_name)
            for name in names
            if name in form.changed_data
        ]
    )


def record_for(user: Model | None, articles: QuerySet, reason: str) -> int:
    """Write ``reason`` into the History of ``articles``; return how many."""
    return articles.record_change(user, reason) if reason else 0


@contextmanager
def retargets_recorded(user: Model | None, links: QuerySet, why: str) -> Iterator[None]:
    """Record, on each article, the links of ``links`` whose target changes inside.

    ``links`` must select the same rows before and after (by title key or
    article, say), not by the state the change alters.
    """
    before = dict(links.values_list("pk", "target_id"))
    yield
    notes: dict[int, list[str]] = defaultdict(list)
    for link in links.select_related("target").order_by("article", "pk"):
        if link.pk in before and before[link.pk] != link.target_id:
            notes[link.article_id].append(
                f"Link {quoted(link.title)} retargeted to {link_destination(link)}"
            )
    for article_id, changes in notes.items():
        if len(changes) == 1:
            reason = f"{changes[0]} ({why})"
        else:
            # The reason column is short: say what and why before the details.
            reason = f"{len(changes)} links retargeted ({why}): {'; '.join(changes)}"
        record_for(user, Article.objects.filter(pk=article_id), reason)


def links_naming(article: Article) -> QuerySet:
    """The other articles' links that may come to point at ``article``."""
    return RelatedLink.objects.filter(title_key=article.headline_key).exclude(
        article=article
    )
