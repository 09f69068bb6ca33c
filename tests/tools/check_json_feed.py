#!/usr/bin/python3
"""Validates JSON Feed files against the JSON Feed 1.1 schema (SchemaStore's feed.json, which
refers to feed-1.json by the relative name "feed-1#"), with python3-jsonschema. Also checks the
two formats the schema names, which jsonschema leaves unchecked without optional packages:
"date-time" as RFC 3339 with a zone, "uri" as an absolute URI with a scheme.

Usage: check_json_feed.py SCHEMA_DIR FILE...
Prints one line per problem; exit status 0 when every file is valid, 1 otherwise, 2 on usage
errors.
"""
import datetime
import json
import os
import re
import sys
import urllib.parse

import jsonschema

RFC3339 = re.compile(
    r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")

checker = jsonschema.FormatChecker()


@checker.checks("date-time")
def is_date_time(value):
    if not isinstance(value, str) or not RFC3339.match(value):
        return False
    datetime.datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    return True


@checker.checks("uri")
def is_uri(value):
    if not isinstance(value, str):
        return True
    parts = urllib.parse.urlsplit(value)
    return bool(parts.scheme) and (bool(parts.netloc) or parts.scheme in ("tag", "urn", "mailto"))


def load_schema(folder):
    def read(name):
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            return f.read()
    # feed-1.json names itself by its "id"; point feed.json's relative references there and
    # hand the resolver that document, so that nothing is fetched from the network.
    feed_1 = json.loads(read("feed-1.json"))
    feed_1_uri = feed_1["id"]
    feed = json.loads(read("feed.json").replace('"feed-1#', '"' + feed_1_uri + "#"))
    resolver = jsonschema.RefResolver(base_uri=feed["id"], referrer=feed,
                                      store={feed["id"]: feed, feed_1_uri: feed_1})
    return jsonschema.Draft4Validator(feed, resolver=resolver, format_checker=checker)


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    validator = load_schema(sys.argv[1])
    failed = False
    for path in sys.argv[2:]:
        with open(path, encoding="utf-8") as f:
            document = json.load(f)
        for error in validator.iter_errors(document):
            failed = True
            where = "/".join(str(p) for p in error.absolute_path)
            print(f"{path}: {where}: {error.message}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
