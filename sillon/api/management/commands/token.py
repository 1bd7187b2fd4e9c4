"""sillon token create|list|revoke: personal API tokens (docs/spec/api.md)."""

import datetime

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from sillon.api.actions import create_token, revoke_token
from sillon.api.models import ApiToken


def user_named(username: str):
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"No user has the username {username!r}.")
    return user


class Command(BaseCommand):
    help = "Create, list and revoke personal API tokens."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create", help="Print a new token (on the last line).")
        create.add_argument("--user", required=True, help="Username of the member.")
        create.add_argument("--name", required=True, help="What the token is for.")
        create.add_argument("--expires", help="Last day of use, YYYY-MM-DD (default: never).")
        listing = actions.add_parser("list", help="The tokens of a member.")
        listing.add_argument("--user", required=True, help="Username of the member.")
        revoke = actions.add_parser("revoke", help="Revoke a token by its id or prefix.")
        revoke.add_argument("token", help="Id or prefix shown by `sillon token list`.")
        revoke.add_argument("--user", help="Username of the member (with a prefix).")

    def handle(self, *args, action, **options):
        getattr(self, f"handle_{action}")(**options)

    def handle_create(self, user, name, expires, **options):
        member = user_named(user)
        expires_on = None
        if expires:
            try:
                expires_on = datetime.date.fromisoformat(expires)
            except ValueError as error:
                raise CommandError(f"{expires!r} is not a date: write YYYY-MM-DD.") from error
        token, secret = create_token(member, name.strip()[:100] or "cli", expires_on)
        self.stdout.write(f"Token {token.pk} ({token.prefix}…) for {member.username}, shown once:")
        self.stdout.write(secret)

    def handle_list(self, user, **options):
        member = user_named(user)
        for token in ApiToken.objects.filter(user=member):
            state = "revoked" if token.revoked_at else ("active" if token.is_active else "expired")
            used = token.last_used_at.isoformat() if token.last_used_at else "never"
            self.stdout.write(
                "\t".join(
                    [
                        str(token.pk),
                        f"{token.prefix}…",
                        token.name,
                        state,
                        f"expires {token.expires_on or 'never'}",
                        f"last used {used}",
                    ]
                )
            )

    def handle_revoke(self, token, user, **options):
        tokens = ApiToken.objects.all()
        if user:
            tokens = tokens.filter(user=user_named(user))
        found = tokens.filter(pk=int(token)) if token.isdigit() else tokens.none()
        if not found.exists():
            found = tokens.filter(prefix=token)
        if found.count() != 1:
            raise CommandError(f"No single token has the id or prefix {token!r}.")
        target = found.get()
        if revoke_token(target):
            self.stdout.write(f"Token {target.pk} revoked.")
        else:
            self.stdout.write(f"Token {target.pk} was already revoked.")
