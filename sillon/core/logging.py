"""Logging filters: search terms never reach the logs (docs/spec/operations.md, Audit)."""

import logging
import re

QUERY = re.compile(r"\?\S*")


def without_query(text: str) -> str:
    """A request line or URL without its query string: "GET /o/x/projects/ HTTP/1.1"."""
    return QUERY.sub("", text)


class DropQueryStrings(logging.Filter):
    """Takes the query string (`?q=…`, a search term that may be a person's name) out of
    the access lines of Django's development server and of any record whose arguments
    carry a request line or a path."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(
                without_query(arg) if isinstance(arg, str) else arg for arg in record.args
            )
        if isinstance(record.msg, str) and "?" in record.msg and not record.args:
            record.msg = without_query(record.msg)
        return True
