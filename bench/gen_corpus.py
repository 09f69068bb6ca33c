#!/usr/bin/python3
"""Deterministic corpus generator for the ingest benchmark (bench/ingest).

Writes N articles in the reference dump format (tests/data/reference_dump.txt: repeated-title
header, `Updated ...`/`Follow` chrome, `  • ` bullets, datelines, capitalised headings, captions)
across files in an inbox folder, plus manifest.tsv with the truth for every article:

    file <TAB> index <TAB> story <TAB> kind

`story` names the true story; `kind` is one of
    new          a story seen for the first time
    sibling      a new story that shares one paragraph (a quote) with an earlier story
    repeat       an exact re-send of an earlier version
    repeat-updated / repeat-crlf / repeat-quotes
                 a re-send differing only in its `Updated` line, CRLF line ends, or straight
                 instead of curly quotes (all exact repeats by DESIGN.md §7)
    edit-sentence, add-paragraph, drop-paragraph, title-edit, grow
                 revisions: one sentence rewritten, one paragraph added or removed, the title
                 edited with the same body, or several paragraphs added
A file is all CRLF or all LF. The same --seed and --articles give the same bytes and mtimes.
"""

import argparse
import itertools
import os
import random

FUNCTION_WORDS = ("the of and to in a that for on is was with said by as at from it he his be "
                  "has have are an not which this its their but were they who had been after "
                  "would also will more than one two over about into new last year could").split()
STOCK_PHRASES = [
    "according to two people familiar with the matter",
    "said in a statement on Tuesday",
    "did not immediately respond to a request for comment",
    "told reporters at a news conference",
    "the official said on condition of anonymity",
]
CITIES = ["BANGKOK", "WASHINGTON", "KYIV", "ACCRA", "NEW DELHI", "LONDON", "BEIJING", "NAIROBI",
          "LIMA", "CAIRO", "TOKYO", "BRUSSELS"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
CJK = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]


class Vocabulary:
    """Pseudo-words with a Zipf-like frequency, plus the common English function words (35%)."""

    def __init__(self, rng, size=30000):
        syllables = [a + b for a in "bcdfghjklmnprstvwz" for b in ("a", "e", "i", "o", "u", "ai",
                                                                   "ou", "ea")]
        words = set()
        while len(words) < size:
            words.add("".join(rng.choice(syllables) for _ in range(rng.choice((1, 2, 2, 3, 3, 4)))))
        words = sorted(words)
        rng.shuffle(words)
        content = [1.0 / (rank + 10) for rank in range(size)]
        share = 0.35 / 0.65 * sum(content) / len(FUNCTION_WORDS)
        self.population = FUNCTION_WORDS + words
        self.cumulative = list(itertools.accumulate([share] * len(FUNCTION_WORDS) + content))

    def words(self, rng, n):
        return rng.choices(self.population, cum_weights=self.cumulative, k=n)

    def word(self, rng):
        return self.words(rng, 1)[0]


def sentence(rng, vocab):
    n = rng.randint(12, 30)
    words = vocab.words(rng, n)
    if rng.random() < 0.15:
        words.insert(rng.randint(0, n), rng.choice(STOCK_PHRASES))
    if rng.random() < 0.1:
        words[0] = "\u201c" + words[0]
        words[-1] = words[-1] + ",\u201d said " + vocab.word(rng).capitalize()
    text = " ".join(words)
    if rng.random() < 0.1:
        text = text.replace(" ", "\u2019s ", 1)
    return text[0].upper() + text[1:] + "."


def cjk_sentence(rng):
    return "".join(rng.choice(CJK) for _ in range(rng.randint(15, 40))) + "\u3002"


def paragraph(rng, vocab, cjk=False):
    count = rng.choice((1, 1, 2, 2, 3))
    make = (lambda: cjk_sentence(rng)) if cjk else (lambda: sentence(rng, vocab))
    return ("" if cjk else " ").join(make() for _ in range(count))


def new_article(rng, vocab, cjk=False):
    title_words = vocab.words(rng, rng.randint(6, 12))
    title = ("".join(rng.choice(CJK) for _ in range(rng.randint(8, 16))) if cjk
             else " ".join(title_words).capitalize())
    body = []
    for i in range(rng.randint(8, 20)):
        if i > 2 and rng.random() < 0.06 and not cjk:
            body.append(("heading", " ".join(vocab.word(rng) for _ in range(2)).upper()))
        body.append(("p", paragraph(rng, vocab, cjk)))
    if not cjk:
        body[0] = ("p", rng.choice(CITIES) + ": " + body[0][1])
    bullets = [sentence(rng, vocab)[:-1] if not cjk else cjk_sentence(rng)
               for _ in range(rng.randint(0, 3))]
    caption = None
    if rng.random() < 0.2 and not cjk:
        caption = sentence(rng, vocab)[:-1] + ". (Handout via REUTERS)"
    return {"title": title, "bullets": bullets, "body": body, "caption": caption, "cjk": cjk,
            "day": rng.randint(1, 28), "month": rng.randint(1, 12), "style": 0}


def updated_line(article, rng):
    if article["style"] == 1:
        return "Updated %d min %d sec ago" % (rng.randint(1, 59), rng.randint(1, 59))
    return "Updated %d %s 2025" % (article["day"], MONTHS[article["month"] - 1])


def render(article, rng):
    t = article["title"]
    lines = [t, "", t]
    if article["caption"]:
        lines += ["1 / 2", article["caption"], t, "2 / 2", "Short Url"]
    lines += [updated_line(article, rng), "Follow", "", t, "", t]
    lines += ["  \u2022 " + b for b in article["bullets"]]
    lines.append("")
    for kind, text in article["body"]:
        lines.append(text)
    return "\n".join(lines)


def straight_quotes(text):
    return (text.replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'")
            .replace("\u2018", "'"))


def revise(article, rng, vocab):
    """Returns (revised copy, kind)."""
    a = dict(article)
    a["body"] = list(article["body"])
    cjk = article["cjk"]
    kinds = ["edit-sentence", "add-paragraph", "drop-paragraph", "title-edit", "grow"]
    kind = rng.choices(kinds, weights=(35, 25, 10, 20, 10))[0]
    paras = [i for i, (k, _) in enumerate(a["body"]) if k == "p"]
    if kind == "edit-sentence":
        i = rng.choice(paras)
        text = a["body"][i][1]
        sep = "\u3002" if cjk else ". "
        parts = text.split(sep)
        j = rng.randrange(len(parts))
        parts[j] = (cjk_sentence(rng)[:-1] if cjk else sentence(rng, vocab)[:-1])
        a["body"][i] = ("p", sep.join(parts))
    elif kind == "add-paragraph":
        a["body"].insert(rng.randint(1, len(a["body"])), ("p", paragraph(rng, vocab, cjk)))
    elif kind == "drop-paragraph" and len(paras) > 8:
        del a["body"][rng.choice(paras[1:])]
    elif kind == "title-edit":
        a["title"] = a["title"] + (" " + vocab.word(rng) if not cjk else rng.choice(CJK))
    else:
        kind = "grow"
        for _ in range(rng.randint(2, 4)):
            a["body"].append(("p", paragraph(rng, vocab, cjk)))
    return a, kind


def plan(args):
    """Yields (article dict, story id, kind, render variant) in corpus order."""
    rng = random.Random(args.seed)
    vocab = Vocabulary(random.Random(args.seed + 1))
    versions = []  # per story: list of article versions
    for _ in range(args.articles):
        roll = rng.random()
        if not versions or roll < args.new:
            cjk = rng.random() < args.cjk
            a = new_article(rng, vocab, cjk)
            a["style"] = 1 if rng.random() < 0.2 else 0
            versions.append([a])
            yield a, len(versions) - 1, "new", None
            continue
        # Recent stories are revised and re-sent more often than old ones.
        story = len(versions) - 1 - min(len(versions) - 1, int(rng.expovariate(1 / 300)))
        if roll < args.new + args.sibling:
            donor = versions[story][-1]
            a = new_article(rng, vocab, donor["cjk"])
            shared = rng.choice([t for k, t in donor["body"] if k == "p"])
            a["body"].insert(rng.randint(1, len(a["body"])), ("p", shared))
            versions.append([a])
            yield a, len(versions) - 1, "sibling", None
        elif roll < args.new + args.sibling + args.repeat:
            a = rng.choice(versions[story])
            variant = rng.choice(["repeat", "repeat-updated", "repeat-crlf", "repeat-quotes"])
            yield a, story, variant, variant
        else:
            a, kind = revise(versions[story][-1], rng, vocab)
            versions[story].append(a)
            yield a, story, kind, None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", help="folder to create; gets inbox/ and manifest.tsv")
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--per-file", type=int, default=20, help="average articles per file")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--new", type=float, default=0.70)
    parser.add_argument("--sibling", type=float, default=0.06)
    parser.add_argument("--repeat", type=float, default=0.10)
    parser.add_argument("--cjk", type=float, default=0.02, help="share of Chinese-script stories")
    args = parser.parse_args()

    inbox = os.path.join(args.out, "inbox")
    os.makedirs(inbox, exist_ok=True)
    rng = random.Random(args.seed + 2)
    base_time = 1745323200  # 2025-04-22T12:00:00Z
    manifest = []
    file_no, pending, crlf = 0, [], False

    def flush():
        nonlocal file_no, pending, crlf
        if not pending:
            return
        name = "%06d.txt" % file_no
        text = "\n\n\n".join(pending)
        if crlf:
            text = text.replace("\n", "\r\n")
        path = os.path.join(inbox, name)
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        os.utime(path, (base_time + file_no * 60, base_time + file_no * 60))
        file_no, pending, crlf = file_no + 1, [], False

    target = rng.randint(1, 2 * args.per_file - 1)
    for article, story, kind, variant in plan(args):
        text = render(article, rng)
        if variant == "repeat-updated":
            text = render(dict(article, day=(article["day"] % 28) + 1, style=0), rng)
        elif variant == "repeat-quotes":
            text = straight_quotes(text)
        elif variant == "repeat-crlf":
            crlf = True
        manifest.append("%06d.txt\t%d\t%d\t%s" % (file_no, len(pending), story, kind))
        pending.append(text)
        if len(pending) >= target:
            flush()
            target = rng.randint(1, 2 * args.per_file - 1)
    flush()
    with open(os.path.join(args.out, "manifest.tsv"), "w", encoding="utf-8") as f:
        f.write("file\tindex\tstory\tkind\n")
        f.write("\n".join(manifest) + "\n")


if __name__ == "__main__":
    main()
