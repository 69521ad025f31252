"""Speed of the clean stage on a generated corpus, against ftfy.fix_text alone in the same run.

    python bench/bench_clean.py [--mb 100] [--seed 1]

The corpus is generated (deterministically): news articles, forum threads with
their chrome, infographics broken into short lines, and Russian, Kazakh and
French passages, made of the seed documents' sentences and a few written ones,
then damaged the ways scraped text is: mojibake (UTF-8 read as Windows-1252,
Latin-1 or Windows-1251), no-break and zero-width spaces, soft hyphens, control
characters, look-alike letters, decomposed accents, CR LF files. Documents are
cut into passages with the ingest stage's own splitter.

Measured on one core (one process, no threads): the clean stage's pure
function `clean_passages` on every passage (all passes, furniture, joins,
language, sentences, offset maps), and `ftfy.fix_text` with its defaults on the
same passages. Prints MB/s (UTF-8 megabytes of input per second) and the ratio.
Clean and ftfy alternate chunk by chunk, so a busy moment of a shared machine
slows both alike; `--repeat` rounds of that, and the least disturbed one is
shown with every round's figures.
Target: >= 5 MB/s per core.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import ftfy  # noqa: E402
import ftfy.bad_codecs  # noqa: E402,F401
import pandas as pd  # noqa: E402

from pipeline.clean.stage import Cleaner, clean_passages  # noqa: E402
from pipeline.ingest.passages import split_passages  # noqa: E402

TARGET_MB_S = 5.0

RUSSIAN = [
    "Жанаозен, 16 декабря 2011 года.", "Полиция открыла огонь по бастующим нефтяникам.",
    "По официальным данным, погибли 16 человек, более 100 получили ранения.",
    "Правозащитники считают, что число жертв было значительно больше.",
    "Забастовка нефтяников продолжалась почти семь месяцев.",
    "Рабочие требовали повышения зарплаты и улучшения условий труда.",
    "В городе было введено чрезвычайное положение и комендантский час.",
    "Суд приговорил 13 человек к различным срокам заключения.",
]
KAZAKH = [
    "Жаңаөзен қаласында мұнайшылар ереуілге шықты.", "Полиция бейбіт тұрғындарға оқ атты.",
    "Ресми деректер бойынша 16 адам қаза тапты.", "Қала тұрғындары әділдік талап етеді.",
    "Ереуіл жеті айға созылды.", "Мұнайшылар жалақыны көтеруді сұрады.",
]
FRENCH = [
    "À Janaozen, la police a ouvert le feu sur les grévistes du pétrole.",
    "Selon les chiffres officiels, seize personnes ont été tuées.",
    "Les défenseurs des droits de l’homme réclament une enquête indépendante.",
    "La grève a duré près de sept mois.", "« Nous voulons la justice », a déclaré un ouvrier.",
]
FURNITURE = [
    "Share", "Print", "Share this", "Last edited:", ".", "|", "SIGN UP NOW", "Get our free Daily Email",
    "The URL has been copied to your clipboard", "No media source currently available", "Back",
    "Top Bottom", "What's new", "Click to expand...", "0:000:01:070:00", "width px height px",
    "More news in the Telegram channel. Subscribe!",
]
HOMOGLYPH = str.maketrans({"a": "а", "e": "е", "o": "о", "c": "с", "p": "р"})


def seed_sentences() -> list[str]:
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))
    sents = re.split(r"(?<=[.!?])\s+", text)
    return [s.strip() for s in sents if 30 <= len(s.strip()) <= 400 and "\n" not in s.strip()]


def damage_word(w: str, rnd: random.Random) -> str:
    r = rnd.random()
    if r < 0.25:
        codec = rnd.choice(["sloppy-windows-1252", "latin-1", "cp1251"])
        try:
            return w.encode("utf-8").decode(codec)
        except UnicodeDecodeError:
            return w
    if r < 0.45:
        return w[:2] + "\u00ad" + w[2:] if len(w) > 4 else w
    if r < 0.6:
        return w.translate(HOMOGLYPH) if rnd.random() < 0.3 else w.replace("a", "а", 1)
    if r < 0.75:
        return unicodedata_decompose(w)
    if r < 0.85:
        return w + "\u200b"
    return w + rnd.choice(["\x00", "\x07", "\x1b", "\u202e"])


def unicodedata_decompose(w: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFD", w)


def damage(text: str, rnd: random.Random, rate: float) -> str:
    parts = text.split(" ")
    for i, w in enumerate(parts):
        if w and rnd.random() < rate:
            parts[i] = damage_word(w, rnd)
    out = []
    for i, w in enumerate(parts):
        out.append(w)
        if i < len(parts) - 1:
            out.append("\u00a0" if rnd.random() < rate else " ")
    return "".join(out)


def paragraph(rnd: random.Random, pool: list[str], n: tuple[int, int]) -> str:
    return " ".join(rnd.choice(pool) for _ in range(rnd.randint(*n)))


def wrap(text: str, rnd: random.Random) -> str:
    width = rnd.randint(22, 45)
    lines, line = [], ""
    for w in text.split(" "):
        if line and len(line) + 1 + len(w) > width:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}" if line else w
    lines.append(line)
    return "\n".join(lines)


def document(rnd: random.Random, en: list[str]) -> str:
    kind = rnd.random()
    blocks = []
    if kind < 0.55:  # news article
        blocks.append(rnd.choice(en)[:80].rstrip(".") )
        for _ in range(rnd.randint(4, 14)):
            blocks.append(paragraph(rnd, en, (2, 7)))
            if rnd.random() < 0.15:
                blocks.append("\n".join(rnd.sample(FURNITURE, rnd.randint(1, 3))))
    elif kind < 0.75:  # forum thread
        blocks.append("What's new")
        for _ in range(rnd.randint(3, 12)):
            post = [paragraph(rnd, en, (1, 4)) for _ in range(rnd.randint(1, 3))]
            blocks.append("\u00a0\n.\n" + "\n\n".join(post))
            if rnd.random() < 0.2:
                blocks.append("Last edited:")
        blocks.append("Back\nTop Bottom")
    elif kind < 0.85:  # infographic: sentences broken into short lines, labels and numbers
        for _ in range(rnd.randint(3, 8)):
            blocks.append(wrap(paragraph(rnd, en, (1, 3)), rnd))
            blocks.append("\n".join(str(rnd.randint(1, 2000)) for _ in range(rnd.randint(2, 8))))
    else:  # Russian, Kazakh or French
        pool = rnd.choice([RUSSIAN, KAZAKH, FRENCH])
        for _ in range(rnd.randint(3, 10)):
            blocks.append(paragraph(rnd, pool, (2, 6)))
    text = "\n\n".join(blocks)
    text = damage(text, rnd, rate=rnd.choice([0.0, 0.005, 0.02, 0.05]))
    if rnd.random() < 0.1:
        text = text.replace("\n", "\r\n")
    return text


def corpus(mb: float, seed: int) -> list[str]:
    rnd = random.Random(seed)
    en = seed_sentences()
    docs, size = [], 0
    while size < mb * 1e6:
        d = document(rnd, en)
        docs.append(d)
        size += len(d.encode("utf-8", "surrogatepass"))
    return docs


def passages_of(docs: list[str]) -> pd.DataFrame:
    rows = []
    for i, text in enumerate(docs):
        for seq, (a, b) in enumerate(split_passages(text, 4000)):
            rows.append((f"d{i:07d}-p{seq:05d}", f"d{i:07d}", seq, a, b, text[a:b]))
    return pd.DataFrame(rows, columns=["passage_id", "doc_id", "seq", "char_start", "char_end", "text"])


class _NoSplit:
    def split_many(self, texts):
        return [[] for _ in texts]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=100, help="corpus size in MB of UTF-8 (default 100)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--chunk-mb", type=float, default=8, help="passages cleaned per call (a partition)")
    ap.add_argument("--repeat", type=int, default=3,
                    help="rounds of clean + ftfy, interleaved chunk by chunk; the least disturbed "
                         "round is reported, with the median")
    ap.add_argument("--no-breakdown", action="store_true",
                    help="skip the runs without language detection / sentence splitting")
    args = ap.parse_args()

    t0 = time.perf_counter()
    docs = corpus(args.mb, args.seed)
    passages = passages_of(docs)
    del docs
    sizes = passages["text"].map(lambda t: len(t.encode("utf-8", "surrogatepass")))
    mb = sizes.sum() / 1e6
    print(f"corpus: {mb:.1f} MB in {len(passages):,} passages "
          f"(generated in {time.perf_counter() - t0:.1f}s)")
    # the interpreter's build moves every figure (Debian's optimised build vs a default
    # source build: ~1.15x; docs/architecture.md > Interpreter)
    print(f"python {sys.version.split()[0]} ({os.path.realpath(sys.executable)})")

    # chunks of about chunk-mb, whole documents, like the flow's partitions
    bounds, acc, start = [], 0, 0
    doc_ids = passages["doc_id"].tolist()
    for i, s in enumerate(sizes):
        acc += s
        if acc >= args.chunk_mb * 1e6 and (i + 1 == len(doc_ids) or doc_ids[i + 1] != doc_ids[i]):
            bounds.append((start, i + 1))
            start, acc = i + 1, 0
    if start < len(passages):
        bounds.append((start, len(passages)))

    def run(cleaner: Cleaner, stats: bool = False, with_ftfy: bool = False) -> tuple[float, float, float, float]:
        """(wall, CPU) of the clean stage, and of ftfy on the same chunks right after each one
        (with_ftfy), so both meet the same moment of a shared machine."""
        # one-time set-up outside the timing: the language model, the splitter, the NFC table
        cleaner.clean("warm up the language model and the splitter. Ça va. Cafe\u0301.")
        gc.collect()
        wall = cpu = f_wall = f_cpu = 0.0
        for a, b in bounds:
            chunk = passages.iloc[a:b]
            t0, c0 = time.perf_counter(), time.process_time()
            out = clean_passages(chunk, cleaner=cleaner)
            wall += time.perf_counter() - t0  # the stage only, not the counting below
            cpu += time.process_time() - c0
            if with_ftfy:
                texts = chunk["text"].tolist()
                t0, c0 = time.perf_counter(), time.process_time()
                for x in texts:
                    ftfy.fix_text(x)
                f_wall += time.perf_counter() - t0
                f_cpu += time.process_time() - c0
            if stats:
                rules.update(r for x in out["edits"]["rule"] for r in x.split("+"))
                counts["furniture"] += len(out["furniture"])
                counts["sentences"] += len(out["sentences"])
                counts["boiler"] += int(out["passages"]["is_boilerplate"].sum())
            del out
        return wall, cpu, f_wall, f_cpu

    rules: Counter = Counter()
    counts: Counter = Counter()
    rounds = [run(Cleaner(), stats=r == 0, with_ftfy=True) for r in range(args.repeat)]
    best = min(range(len(rounds)), key=lambda r: rounds[r][1])  # the round least disturbed
    clean_s, clean_cpu, ftfy_s, ftfy_cpu = rounds[best]
    median_cpu = statistics.median(r[1] for r in rounds)
    furniture, sentences, boiler = counts["furniture"], counts["sentences"], counts["boiler"]
    parts = {}
    if not args.no_breakdown:
        no_lang = Cleaner()
        no_lang.detector.detect_many = lambda texts: [("und", None, None)] * len(texts)
        no_split = Cleaner()
        no_split._splitter = _NoSplit()
        neither = Cleaner()
        neither.detector.detect_many = lambda texts: [("und", None, None)] * len(texts)
        neither._splitter = _NoSplit()
        for label, c in (("without language detection", no_lang), ("without sentence splitting", no_split),
                         ("repairs, furniture, joins only", neither)):
            parts[label] = run(c)[1]

    # per core: input megabytes per CPU-second of this (single-threaded) process, which a
    # busy shared machine does not inflate the way it inflates wall-clock time
    clean_rate, ftfy_rate = mb / clean_cpu, mb / ftfy_cpu
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"edits by rule: {dict(rules.most_common())}")
    print(f"furniture lines: {furniture:,}; boilerplate passages: {boiler:,}; sentences: {sentences:,}")
    print(f"{'':14} {'CPU s':>8} {'wall s':>8} {'MB/s per core (CPU)':>20} {'MB/s (wall)':>12}")
    print(f"{'clean stage':14} {clean_cpu:8.1f} {clean_s:8.1f} {clean_rate:20.2f} {mb / clean_s:12.2f}")
    print(f"{'ftfy.fix_text':14} {ftfy_cpu:8.1f} {ftfy_s:8.1f} {ftfy_rate:20.2f} {mb / ftfy_s:12.2f}")
    print(f"ratio clean/ftfy (speed): {clean_rate / ftfy_rate:.2f}x  "
          f"(machine load average during the run: {load:.1f} on {os.cpu_count()} cores)")
    print(f"round {best + 1} of {len(rounds)} shown (least CPU); clean stage per round: "
          + ", ".join(f"{mb / r[1]:.2f}" for r in rounds) + f" MB/s (median {mb / median_cpu:.2f}); "
          "ratio per round: " + ", ".join(f"{r[3] / r[1]:.2f}x" for r in rounds))
    for label, cpu_s in parts.items():
        print(f"  {label:32} {mb / cpu_s:6.2f} MB/s per core (CPU)")
    verdict = "meets" if clean_rate >= TARGET_MB_S else "MISSES"
    print(f"target {TARGET_MB_S} MB/s per core, whole stage: {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
