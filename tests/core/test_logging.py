"""Search terms are not written to the logs (docs/spec/operations.md)."""

import logging

from sillon.core.logging import DropQueryStrings


def record(msg, *args) -> logging.LogRecord:
    return logging.LogRecord("django.server", logging.INFO, __file__, 1, msg, args, None)


def test_an_access_line_loses_its_query_string():
    line = record('"%s" %s %s', "GET /o/coop-a/projects/?q=Peeters&page=2 HTTP/1.1", "200", "512")
    assert DropQueryStrings().filter(line)
    assert line.getMessage() == '"GET /o/coop-a/projects/ HTTP/1.1" 200 512'


def test_a_message_without_arguments_loses_its_query_string():
    line = record("Not Found: /o/coop-a/projects/?q=Peeters")
    DropQueryStrings().filter(line)
    assert "Peeters" not in line.getMessage()


def test_the_development_server_and_the_console_use_the_filter():
    from django.conf import settings

    handler = settings.LOGGING["handlers"]["console"]
    assert handler["filters"] == ["no_query_strings"]
    assert settings.LOGGING["loggers"]["django.server"]["handlers"] == ["console"]
