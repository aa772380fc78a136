"""The clean stage: story text without site furniture, with offsets back to the source."""

from conflictwatch.clean.html import clean_html
from conflictwatch.clean.text import clean_text

__all__ = ["clean_html", "clean_text"]
