"""Counts and examples of what an import did with each row."""

from __future__ import annotations

from app.i18n import _
from app.importers.categories import DISPLAY_ORDER

MAX_EXAMPLES = 5

_DISPLAY_RANK = {category: rank for rank, category in enumerate(DISPLAY_ORDER)}


def lines_text(count: int) -> str:
    """Return "1 line" or "12,345 lines" for an example text."""
    if count == 1:
        return _("1 line")
    return _("{count:,} lines").format(count=count)


class ImportSummary:
    """Counts of outcomes by category, with up to five examples per category.

    Categories are the constants of ``app.importers.categories``. Any other
    string works too and is listed after them. An example is a short text
    that starts with the row number, such as ``"row 155: invoice C536379"``.
    """

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}
        self.examples: dict[str, list[str]] = {}

    def add(self, category: str, example: str | None = None, count: int = 1) -> None:
        """Add ``count`` to ``category`` and keep ``example`` if it has fewer than five."""
        self.counts[category] = self.counts.get(category, 0) + count
        if example is not None:
            self.add_example(category, example)

    def add_example(self, category: str, example: str) -> None:
        """Keep ``example`` for ``category`` without counting, unless it has five already."""
        kept_examples = self.examples.setdefault(category, [])
        if len(kept_examples) < MAX_EXAMPLES:
            kept_examples.append(example)

    def count(self, category: str) -> int:
        """Return the count of ``category``, 0 if nothing was counted in it."""
        return self.counts.get(category, 0)

    def categories(self) -> list[str]:
        """Return the categories with a count or an example, in display order."""
        present = list(self.counts)
        present += [category for category in self.examples if category not in self.counts]
        unknown_rank = len(_DISPLAY_RANK)
        return sorted(present, key=lambda category: _DISPLAY_RANK.get(category, unknown_rank))

    def to_dict(self) -> dict[str, dict[str, int] | dict[str, list[str]]]:
        """Return the counts and examples as JSON-ready dictionaries in display order."""
        ordered = self.categories()
        return {
            "counts": {category: self.count(category) for category in ordered},
            "examples": {
                category: list(self.examples[category])
                for category in ordered
                if self.examples.get(category)
            },
        }

    def format_text(self) -> str:
        """Return one line per category: label, count and examples, for a person to read."""
        lines = []
        for category in self.categories():
            line = f"{_(category)}: {self.count(category):,}"
            examples = self.examples.get(category)
            if examples:
                line += " (" + _("for example") + " " + "; ".join(examples) + ")"
            lines.append(line)
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"ImportSummary({self.counts!r})"
