#!/usr/bin/python3
"""Writes a realistic RSS 2.0 feed to stdout for bench/serve: N items (default 200) of about 3 KB
each (title, link, guid, pubDate, summary, escaped full HTML in content:encoded, categories),
shaped like what the feed writer produces. Deterministic: the same arguments give the same bytes."""
import argparse
import random
import sys
from datetime import datetime, timedelta, timezone
from xml.sax.saxutils import escape

WORDS = ("the government said on monday that its officials would meet regional leaders to discuss "
         "trade tariffs energy prices and the security of shipping lanes after weeks of talks "
         "analysts expect markets to react cautiously while ministers in beijing brussels and "
         "washington weigh new measures a spokesperson declined to comment on the report which "
         "cited people familiar with the matter investors growth inflation central bank rates "
         "election campaign parliament vote court ruling police statement storm flooding rescue "
         "hospital health vaccine research university climate summit emissions football league "
         "final season record company profit quarter shares fell rose percent billion million").split()
SECTIONS = ["World", "Business", "Politics", "Science", "Sport", "Health", "Technology"]


def sentence(rng, lo=8, hi=22):
    words = [rng.choice(WORDS) for _ in range(rng.randint(lo, hi))]
    return " ".join(words).capitalize() + "."


def paragraph(rng):
    return " ".join(sentence(rng) for _ in range(rng.randint(3, 5)))


def item(rng, i, when):
    suffix = "%08x" % rng.getrandbits(32)
    title = sentence(rng, 6, 12).rstrip(".")
    summary = " ".join(sentence(rng) for _ in range(2))
    html = "".join("<p>%s</p>" % escape(paragraph(rng)) for _ in range(4))
    html += "<h2>%s</h2><p>%s</p>" % (escape(sentence(rng, 3, 6)), escape(paragraph(rng)))
    cats = "".join("<category>%s</category>" % c for c in rng.sample(SECTIONS, 2))
    date = when.strftime("%a, %d %b %Y %H:%M:%S +0000")
    return (
        "<item><title>%s</title><link>http://127.0.0.1:8080/articles/%s.html</link>"
        '<guid isPermaLink="false">tag:news.example.org,%s:story/%s</guid>'
        "<pubDate>%s</pubDate><description>%s</description>"
        "<content:encoded>%s</content:encoded>%s</item>\n"
        % (escape(title), suffix, when.strftime("%Y-%m-%d"), suffix, date, escape(summary),
           escape(html), cats))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    newest = datetime(2025, 3, 28, 14, 5, 9, tzinfo=timezone.utc)
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n'
           '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" '
           'xmlns:content="http://purl.org/rss/1.0/modules/content/">\n<channel>'
           "<title>All stories</title><link>http://127.0.0.1:8080/</link>"
           "<description>All stories</description>"
           '<atom:link href="http://127.0.0.1:8080/feeds/all.rss" rel="self" '
           'type="application/rss+xml"/>'
           "<lastBuildDate>%s</lastBuildDate>\n" % newest.strftime("%a, %d %b %Y %H:%M:%S +0000")]
    for i in range(args.items):
        out.append(item(rng, i, newest - timedelta(minutes=17 * i)))
    out.append("</channel>\n</rss>\n")
    sys.stdout.write("".join(out))


if __name__ == "__main__":
    main()
