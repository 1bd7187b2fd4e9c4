"""Print the PostgreSQL URL to test against, creating its database when missing.

Exit 0 with the URL when the server answers, 3 when it does not. The URL comes from
DATABASE_URL_POSTGRES, or defaults to the local server on 127.0.0.1:5432.
"""

import os
import sys
from urllib.parse import urlsplit

import psycopg
from psycopg import sql

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/sillon"


def main() -> int:
    url = os.environ.get("DATABASE_URL_POSTGRES") or DEFAULT_URL
    parts = urlsplit(url)
    database = parts.path.lstrip("/") or "sillon"
    maintenance_url = parts._replace(path="/postgres").geturl()
    try:
        with psycopg.connect(maintenance_url, connect_timeout=3, autocommit=True) as connection:
            exists = connection.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [database]
            ).fetchone()
            if not exists:
                connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
    except psycopg.OperationalError as error:
        print(
            f"PostgreSQL at {parts.hostname}:{parts.port or 5432} is unreachable: {error}",
            file=sys.stderr,
        )
        return 3
    print(url)
    return 0


if __name__ == "__main__":
    sys.exit(main())
