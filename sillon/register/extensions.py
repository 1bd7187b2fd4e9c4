"""Fields that higher apps add to the activity form, without the register importing them.

An app registers, in its AppConfig.ready(), an extension with three functions:
- `add_fields(form)`: adds its fields to `form.fields` (and their initial values);
- `clean(form, cleaned)`: checks them, adding located errors with `form.add_error`;
- `save(form, activity)`: writes them once the activity is saved, in the same transaction.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ActivityFormExtension:
    add_fields: Callable
    clean: Callable
    save: Callable


_activity_form_extensions: list[ActivityFormExtension] = []


def register_activity_form_extension(extension: ActivityFormExtension) -> None:
    if extension not in _activity_form_extensions:
        _activity_form_extensions.append(extension)


def activity_form_extensions() -> list[ActivityFormExtension]:
    return list(_activity_form_extensions)
