"""Cached figures stay true: every write to an organisation's records bumps its
data_version, and the cache key of its figures holds that version."""

from django.apps import apps
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save

from sillon.accounts.models import Organisation

TRACKED_APPS = ("register", "outcomes", "followup")
# Records no indicator reads: writing them keeps every cached figure. Targets are read
# beside the figures (indicators/targets.py), never cached with them; cohorts group
# enrolments in the interface only.
UNREAD_MODELS = {"outcomes.Target", "register.Cohort"}
CACHE_SECONDS = 24 * 3600


def bump(organisation_id) -> None:
    if organisation_id:
        Organisation.objects.filter(pk=organisation_id).bump_data_version()


def _on_change(sender, instance, raw=False, **kwargs):
    if not raw:
        bump(getattr(instance, "organisation_id", None))


def connect() -> None:
    for label in TRACKED_APPS:
        for model in apps.get_app_config(label).get_models():
            if model.__name__.startswith("Historical") or model._meta.label in UNREAD_MODELS:
                continue
            if any(field.name == "organisation" for field in model._meta.fields):
                uid = f"indicators-freshness-{model._meta.label}"
                post_save.connect(_on_change, sender=model, dispatch_uid=f"{uid}-save")
                post_delete.connect(_on_change, sender=model, dispatch_uid=f"{uid}-delete")
            for field in model._meta.local_many_to_many:
                m2m_changed.connect(
                    _on_change,
                    sender=field.remote_field.through,
                    dispatch_uid=f"indicators-freshness-{field.remote_field.through._meta.label}",
                )


def cache_key(organisation: Organisation, key: str) -> str:
    """The cache key of one of an organisation's figures at its current data version."""
    # The creation time too: an organisation recreated under a reused id starts afresh.
    created = organisation.created_at.timestamp()
    return f"sillon:figures:{organisation.pk}:{created}:{organisation.data_version}:{key}"


def cached(organisation: Organisation, key: str, compute):
    """`compute()` once per organisation, data version and key.

    The organisation must be freshly loaded (as each request loads it): its
    data_version is what the key holds.
    """
    full_key = cache_key(organisation, key)
    value = cache.get(full_key)
    if value is None:
        value = compute()
        cache.set(full_key, value, CACHE_SECONDS)
    return value
