#!/usr/bin/python3
"""Parses HTML files with Debian's python3-html5lib in strict mode, the HTML5 parsing algorithm
browsers use, and reports every parse error (bad nesting, stray end tags, unescaped markup
that changes the tree, a missing doctype, ...).

Usage: check_html.py FILE...
Prints one line per problem; exit status 0 when every file parses without error, 1 otherwise,
2 on usage errors.
"""
import sys

import html5lib


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    failed = False
    for path in sys.argv[1:]:
        parser = html5lib.HTMLParser(strict=False)
        with open(path, "rb") as f:
            parser.parse(f, transport_encoding="utf-8")
        for (line, col), code, data in parser.errors:
            failed = True
            print(f"{path}:{line}:{col}: {code} {data}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
