"""English as written in Brussels: day-month-year dates (en-GB), never the US order
(docs/spec/indicators.md, "Display")."""

from django.conf.locale.en_GB.formats import *  # noqa: F403
