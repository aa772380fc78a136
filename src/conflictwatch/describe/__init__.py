"""describe: when an article was published and whose reporting it carries.

infer_publication_date(text, given=, metadata=, today=) -> PublicationDate
parse_metadata_date(value) -> (date, precision) | None
find_credits(text, source_text=, url=, site_name=, source=) -> Credits
"""

from conflictwatch.describe.credits import find_credits
from conflictwatch.describe.metadata import parse_metadata_date
from conflictwatch.describe.pubdate import infer_publication_date

__all__ = ["find_credits", "infer_publication_date", "parse_metadata_date"]
