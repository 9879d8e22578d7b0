"""Print the GraphQL schema (SDL) the code defines: ``python -m server.print_schema``."""

import sys

from server.schema import schema


def main() -> None:
    sys.stdout.write(schema.as_str().rstrip("\n") + "\n")


if __name__ == "__main__":
    main()
