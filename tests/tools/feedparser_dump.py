#!/usr/bin/python3
"""Reads feed files (or URLs) with Debian's python3-feedparser, the way feed readers do, and
prints what it understood as a JSON array with one object per argument: bozo flag and reason,
version, feed title, id and links, and per entry its id, title, link, dates, summary, content,
authors and tags. One process for many feeds, because starting Python costs more than parsing.

Usage: feedparser_dump.py FILE_OR_URL...
Exit status: 0 when parsed (bozo is reported, not judged), 2 on usage errors.
"""
import json
import sys

import feedparser


def entry_json(entry):
    return {
        "id": entry.get("id"),
        "title": entry.get("title"),
        "link": entry.get("link"),
        "published": entry.get("published"),
        "updated": entry.get("updated"),
        "published_parsed": list(entry.published_parsed[:6]) if entry.get("published_parsed") else None,
        "updated_parsed": list(entry.updated_parsed[:6]) if entry.get("updated_parsed") else None,
        "summary": entry.get("summary"),
        "content": [c.get("value") for c in entry.get("content", [])],
        "authors": [a.get("name") for a in entry.get("authors", []) if a.get("name")],
        "tags": [t.get("term") for t in entry.get("tags", [])],
    }


def feed_json(source):
    parsed = feedparser.parse(source)
    feed = parsed.get("feed", {})
    return {
        "bozo": bool(parsed.get("bozo")),
        "bozo_exception": str(parsed.get("bozo_exception", "")),
        "version": parsed.get("version", ""),
        "title": feed.get("title"),
        "id": feed.get("id"),
        "links": [{"rel": l.get("rel"), "href": l.get("href")} for l in feed.get("links", [])],
        "updated": feed.get("updated"),
        "entries": [entry_json(e) for e in parsed.get("entries", [])],
    }


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    json.dump([feed_json(source) for source in sys.argv[1:]], sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
