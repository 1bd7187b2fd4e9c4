"""The `sillon` console script: Django's management commands with Sillon's settings."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sillon.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
