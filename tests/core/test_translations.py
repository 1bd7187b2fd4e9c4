"""French and Dutch catalogues are complete and match the strings in the code."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

import sillon

PACKAGE = Path(sillon.__file__).parent
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]")


def catalogue(language: str, root: Path = PACKAGE) -> polib.POFile:
    return polib.pofile(str(root / "locale" / language / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_every_string_is_translated(language):
    po = catalogue(language)
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert untranslated == [], f"untranslated in {language}: {untranslated}"
    assert fuzzy == [], f"fuzzy in {language}: {fuzzy}"


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_plural_strings_have_every_form_of_the_language(language):
    """French has three plural forms in Django's catalogues: a missing one shows English."""
    po = catalogue(language)
    nplurals = int(po.metadata["Plural-Forms"].split("nplurals=")[1].split(";")[0])
    for entry in po.translated_entries():
        if entry.msgid_plural:
            forms = [entry.msgstr_plural.get(index) for index in range(nplurals)]
            assert all(forms), f"{language}: {entry.msgid!r} has {forms}"


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_translations_keep_every_placeholder(language):
    for entry in catalogue(language).translated_entries():
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for translation in translations:
            assert sorted(PLACEHOLDER.findall(translation)) == sorted(
                PLACEHOLDER.findall(entry.msgid)
            ), f"{language}: {entry.msgid!r}"


def test_catalogues_hold_every_string_of_the_code(tmp_path):
    """Extract the strings again from a copy of the code: nothing may be missing."""
    copy = tmp_path / "sillon"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "sillon",
            "makemessages",
            "--locale",
            "fr",
            "--no-location",
            "--no-obsolete",
            "--verbosity",
            "0",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    extracted = {entry.msgid for entry in catalogue("fr", copy)}
    committed = {entry.msgid for entry in catalogue("fr")}
    assert extracted - committed == set(), "run `make messages` and translate the new strings"
    assert committed - extracted == set(), "run `make messages` to drop strings no longer used"
