"""Casualty figures on real local news: how many were killed and injured, per article and incident.

    python -m bench.bench_casualties [--limit N] [--keep DIR | --reuse DIR] [--errors N]
                                     [--json bench/out/casualties.json] [--dev DIR]

Data: ../shared/dev/casualties (see ../shared/dev/README.md, never copied into the repo):
199 US gun-violence incidents of the Gun Violence Archive and 327 local-news articles about
them (articles/<incident>/<hash>.txt: headline, blank line, `Published: YYYY-MM-DD`, blank
line, body); gold.csv has each incident's final num_killed and num_injured.

What runs: a temporary project (the repo's params.yaml and dvc.yaml, the entities stage
without a gazetteer since the repo's is about Kazakhstan, and no corpus profile: seeds/ holds
only the articles) whose seeds/ holds the articles as seeds/<incident>/<hash>.txt, so a claim's
source_path tells its incident. The real pipeline runs there with the repo's code:
`python -m pipeline run ingest dedup clean entities facts` (PIPELINE_ROOT = the project,
PYTHONPATH = the repo); its local Prefect server is stopped afterwards.

Scores (the README's), pipeline and a same-run regex baseline side by side:
- recall, per article: an article whose incident has num_killed > 0 is found when one of its
  `killed` claims has that value: exactly (value_low == value_high == n), or within its bounds
  (value_low <= n <= value_high, an open bound being open). The same for `injured`.
- precision, per claim: `killed` claims whose value is the incident's num_killed / all
  `killed` claims of the articles (the same for `injured`). Articles also cite other incidents
  and earlier counts, so this is a lower bound. Printed also over tolls: the claims the stage
  does not mark `part` (a count without a numeral, smaller than its document's figure) nor `tally` (a
  period's running count: "168 homicides this year").
- events, per incident with >= 2 articles: every article has a killed/injured claim and all
  those claims share one event key; the mean number of distinct keys per incident.
- events mixing incidents: event keys whose claims come from >= 2 incidents (target 0).
A passage dedup found to be an exact repeat is read once by the facts stage; its claims are
credited to every article that repeats it (counted in the output as `credited_repeats`).

Targets (issue): killed recall >= 0.80, injured recall >= 0.75, killed precision >= 0.60,
multi-article incidents under one event key >= 0.80, events mixing incidents = 0, and the
facts stage taking at most half the entities stage's wall time.

Options: --dev DIR scores another set laid out the same way (gold.csv with numeric incident ids,
articles/<incident>/*.txt), e.g. one written for a new domain; --limit N scores the first N incidents only (a quick run); --keep DIR builds the
project in DIR and leaves it there; --reuse DIR scores a project built before (no run);
--errors N prints N articles whose killed or injured count was missed (headline, gold counts,
the pipeline's casualty claims, the regex's hits and the article's casualty sentences), the
material for improving the rules. The figures are also written as JSON (--json).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parents[1]
DEV = REPO.parent / "shared" / "dev" / "casualties"
OUT = REPO / "bench" / "out" / "casualties.json"
STAGES = ["ingest", "dedup", "clean", "entities", "facts"]
CASUALTY = ("killed", "injured")
TARGETS = {
    "killed_recall": (">=", 0.80),
    "injured_recall": (">=", 0.75),
    "killed_precision": (">=", 0.60),
    "one_event_key_share": (">=", 0.80),
    "events_mixing_incidents": ("==", 0),
    "facts_over_entities_time": ("<=", 0.5),
}


# ---------------------------------------------------------------------------------------------
# The data

def load_gold(dev: Path = DEV, limit: int | None = None) -> pd.DataFrame:
    gold = pd.read_csv(dev / "gold.csv", dtype={"incident": str})
    gold = gold.sort_values("incident", key=lambda s: s.astype(int)).reset_index(drop=True)
    return gold.head(limit) if limit else gold


def article_key(source_path: str) -> str:
    """`<incident>/<hash>.txt` from any path ending in it (seeds/..., articles/...)."""
    parts = Path(str(source_path).replace("\\", "/")).parts
    return "/".join(parts[-2:])


def split_article(text: str) -> tuple[str, str]:
    """(headline, body) of an article file: headline, blank line, Published line, blank line, body."""
    headline, _, rest = text.partition("\n")
    rest = rest.lstrip("\n")
    if rest.startswith("Published:"):
        rest = rest.partition("\n")[2].lstrip("\n")
    return headline.strip(), rest


def load_articles(gold: pd.DataFrame, dev: Path = DEV) -> pd.DataFrame:
    """One row per article of the gold incidents: article, incident, path, headline, text, counts."""
    rows = []
    for inc in gold.itertuples():
        for f in sorted((dev / "articles" / inc.incident).glob("*.txt")):
            text = f.read_text(encoding="utf-8", errors="replace")
            rows.append({"article": f"{inc.incident}/{f.name}", "incident": inc.incident, "path": str(f),
                         "headline": split_article(text)[0], "text": text,
                         "num_killed": int(inc.num_killed), "num_injured": int(inc.num_injured)})
    return pd.DataFrame(rows, columns=["article", "incident", "path", "headline", "text", "num_killed",
                                       "num_injured"])


# ---------------------------------------------------------------------------------------------
# Scoring (pure functions on frames: tests/bench/test_bench_casualties.py)
#
# claims: one row per claim, columns article, incident, measure, value_low, value_high and,
# for the event scores, event. articles: article, incident, num_killed, num_injured.

def _num(x) -> float | None:
    return None if x is None or pd.isna(x) else float(x)


def value_equals(low, high, n: int) -> bool:
    """The claim states exactly n: both bounds equal n."""
    low, high = _num(low), _num(high)
    return low is not None and high is not None and low == n and high == n


def value_within(low, high, n: int) -> bool:
    """n lies within the claim's bounds; an open bound (null) is open, but not both."""
    low, high = _num(low), _num(high)
    if low is None and high is None:
        return False
    return (low is None or low <= n) and (high is None or n <= high)


def _matches(claims: pd.DataFrame, truth: pd.Series) -> tuple[pd.Series, pd.Series]:
    exact = [value_equals(lo, hi, int(n)) for lo, hi, n in zip(claims["value_low"], claims["value_high"], truth)]
    within = [value_within(lo, hi, int(n)) for lo, hi, n in zip(claims["value_low"], claims["value_high"], truth)]
    return pd.Series(exact, index=claims.index, dtype=bool), pd.Series(within, index=claims.index, dtype=bool)


def _truth_column(measure: str) -> str:
    return {"killed": "num_killed", "injured": "num_injured"}[measure]


def article_hits(claims: pd.DataFrame, articles: pd.DataFrame, measure: str) -> pd.DataFrame:
    """Per article whose incident has a count > 0 for measure: n, found_exact, found_within."""
    col = _truth_column(measure)
    scope = articles.loc[articles[col] > 0, ["article", "incident", col]].rename(columns={col: "n"})
    mine = claims[claims["measure"] == measure].merge(scope[["article", "n"]], on="article")
    exact, within = _matches(mine, mine["n"])
    mine = mine.assign(exact=exact, within=within)
    agg = mine.groupby("article").agg(found_exact=("exact", "any"), found_within=("within", "any"))
    out = scope.merge(agg, left_on="article", right_index=True, how="left")
    out[["found_exact", "found_within"]] = out[["found_exact", "found_within"]].fillna(False).astype(bool)
    return out.reset_index(drop=True)


def recall(claims: pd.DataFrame, articles: pd.DataFrame, measure: str) -> dict:
    """Share of articles (count > 0) with a claim of that value: exact and within range."""
    hits = article_hits(claims, articles, measure)
    n = len(hits)
    return {"articles": n,
            "exact": hits["found_exact"].sum() / n if n else None,
            "within": hits["found_within"].sum() / n if n else None,
            "found_exact": int(hits["found_exact"].sum()), "found_within": int(hits["found_within"].sum())}


def precision(claims: pd.DataFrame, articles: pd.DataFrame, measure: str) -> dict:
    """Share of the measure's claims (of the scored articles) whose value is the incident's count."""
    col = _truth_column(measure)
    mine = claims[claims["measure"] == measure].merge(articles[["article", col]], on="article")
    exact, within = _matches(mine, mine[col])
    n = len(mine)
    out = {"claims": n, "exact": exact.sum() / n if n else None, "within": within.sum() / n if n else None,
           "right_exact": int(exact.sum()), "right_within": int(within.sum())}
    if "part" in mine:  # the same over tolls: claims the stage marks as one of the counted (or a period's
        # tally) left out
        toll = ~mine["part"].fillna(False).astype(bool)
        if "tally" in mine:
            toll &= ~mine["tally"].fillna(False).astype(bool)
        out["tolls"] = int(toll.sum())
        out["tolls_exact"] = exact[toll].sum() / toll.sum() if toll.sum() else None
    return out


def miss_causes(claims: pd.DataFrame, articles: pd.DataFrame, measure: str,
                baseline: pd.DataFrame | None = None) -> dict:
    """Why articles miss the measure's count (no exact claim): the right value is there under
    another measure (`other_measure`), the measure has claims of other values only (`wrong_value`),
    or nothing of the measure at all (`no_claim`); `regex_found`: misses the baseline gets right;
    `single_victim`: misses whose count is 1 (news rarely writes "one": "a man was shot and killed")."""
    hits = article_hits(claims, articles, measure)
    missed = hits[~hits["found_exact"]]
    out = {"missed": len(missed), "of_articles": len(hits), "single_victim": int((missed["n"] == 1).sum()),
           "other_measure": 0, "wrong_value": 0, "no_claim": 0, "regex_found": 0}
    base_hits = (article_hits(baseline, articles, measure).set_index("article")["found_exact"]
                 if baseline is not None else None)
    for a in missed.itertuples():
        mine = claims[claims["article"] == a.article]
        same = mine[mine["measure"] == measure]
        other = mine[mine["measure"] != measure]
        if any(value_equals(lo, hi, a.n) for lo, hi in zip(other["value_low"], other["value_high"])):
            out["other_measure"] += 1
        elif len(same):
            out["wrong_value"] += 1
        else:
            out["no_claim"] += 1
        if base_hits is not None and bool(base_hits.get(a.article, False)):
            out["regex_found"] += 1
    return out


def _key(event) -> str:
    return "(none)" if event is None or pd.isna(event) or event == "" else str(event)


def incident_events(claims: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Per incident with >= 2 articles: its articles, those with a killed/injured claim, the
    distinct event keys of those claims, and `one_key` (every article has such a claim and
    all of them share one key); `articles_agree`: the articles' most frequent keys agree."""
    counts = articles.groupby("incident")["article"].nunique()
    multi = counts[counts >= 2]
    cas = claims[claims["measure"].isin(CASUALTY)].assign(key=lambda d: d["event"].map(_key))
    rows = []
    for incident, n_articles in multi.items():
        mine = cas[cas["incident"] == incident]
        keys = sorted(set(mine["key"]))
        with_claims = mine["article"].nunique()
        top = {a: g["key"].value_counts().sort_index().idxmax() for a, g in mine.groupby("article")}
        rows.append({"incident": incident, "n_articles": int(n_articles), "articles_with_claims": int(with_claims),
                     "n_keys": len(keys), "keys": keys,
                     "one_key": with_claims == n_articles and len(keys) == 1,
                     "articles_agree": with_claims == n_articles and len(set(top.values())) == 1})
    return pd.DataFrame(rows, columns=["incident", "n_articles", "articles_with_claims", "n_keys", "keys",
                                       "one_key", "articles_agree"])


def event_consistency(claims: pd.DataFrame, articles: pd.DataFrame) -> dict:
    per = incident_events(claims, articles)
    n = len(per)
    with_claims = per[per["n_keys"] > 0]
    return {"multi_article_incidents": n,
            "one_key": int(per["one_key"].sum()), "one_key_share": per["one_key"].sum() / n if n else None,
            "articles_agree_share": per["articles_agree"].sum() / n if n else None,
            "every_article_has_claim": int((per["articles_with_claims"] == per["n_articles"]).sum()),
            "mean_distinct_keys": float(with_claims["n_keys"].mean()) if len(with_claims) else None}


def mixing_events(claims: pd.DataFrame) -> pd.DataFrame:
    """Event keys whose claims come from >= 2 incidents: event, n_incidents, incidents, n_claims."""
    have = claims[claims["event"].notna() & (claims["event"] != "")]
    g = have.groupby("event").agg(n_incidents=("incident", "nunique"), incidents=("incident", lambda s: sorted(set(s))),
                                  n_claims=("incident", "size"))
    g = g[g["n_incidents"] >= 2].sort_values(["n_incidents", "n_claims"], ascending=False)
    return g.reset_index()


def measure_shares(claims: pd.DataFrame) -> dict:
    """Fraction of all claims per measure (largest first)."""
    if not len(claims):
        return {}
    s = claims["measure"].fillna("(none)").value_counts(normalize=True)
    return {k: round(float(v), 4) for k, v in s.items()}


# ---------------------------------------------------------------------------------------------
# The regex baseline (the README's pattern)

NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}
_NUM = r"\d+|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_WHO = (r"people|persons|person|men|man|women|woman|children|child|kids|teens|teenagers|"
        r"victims|victim|others|adults|officers|students|boys|girls")
_BE = r"were|was|are|is|have been|has been|had been|been"
_PATTERNS = {
    "killed": re.compile(rf"\b({_NUM})\s+(?:(?:{_WHO})\s+)?(?:(?:{_BE})\s+)?(?:shot dead|killed|dead|died)\b", re.I),
    "injured": re.compile(rf"\b({_NUM})\s+(?:(?:{_WHO})\s+)?(?:(?:{_BE})\s+)?(?:wounded|injured|hurt)\b", re.I),
}


def regex_figures(text: str) -> list[dict]:
    """Killed and injured figures of the baseline: measure, value_low, value_high, surface, start."""
    out = []
    for measure, pattern in _PATTERNS.items():
        for m in pattern.finditer(text):
            raw = m.group(1).lower()
            value = int(raw) if raw.isdigit() else NUMBER_WORDS[raw]
            out.append({"measure": measure, "value_low": value, "value_high": value, "surface": m.group(0),
                        "start": m.start()})
    return sorted(out, key=lambda d: d["start"])


def regex_claims(articles: pd.DataFrame) -> pd.DataFrame:
    rows = [{"article": a.article, "incident": a.incident, "event": None, **f}
            for a in articles.itertuples() for f in regex_figures(a.text)]
    return pd.DataFrame(rows, columns=["article", "incident", "event", "measure", "value_low", "value_high",
                                       "surface", "start"])


# ---------------------------------------------------------------------------------------------
# Building and running the project

def write_params(repo: Path, dest: Path) -> None:
    """The repo's params.yaml, with no gazetteer and no place aliases (both about Kazakhstan)."""
    import yaml

    params = yaml.safe_load((repo / "params.yaml").read_text(encoding="utf-8")) or {}
    params.setdefault("entities", {})["gazetteer"] = None
    facts = params.get("facts") or {}
    facts.pop("places", None)
    params["facts"] = facts
    (dest / "params.yaml").write_text(yaml.safe_dump(params, sort_keys=False, allow_unicode=True), encoding="utf-8")


def build_project(dest: Path, articles: pd.DataFrame, repo: Path = REPO) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    if any(dest.iterdir()):
        raise SystemExit(f"{dest} is not empty: give --keep a new or empty folder")
    shutil.copy2(repo / "dvc.yaml", dest / "dvc.yaml")
    write_params(repo, dest)
    for a in articles.itertuples():
        target = dest / "seeds" / a.article
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(a.path, target)
    return dest


def pipeline_env(project: Path) -> dict:
    env = dict(os.environ)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env["PIPELINE_ROOT"] = str(project)
    env["PYTHONPATH"] = str(REPO) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.update({"DVC_NO_ANALYTICS": "1", "DO_NOT_TRACK": "1", "PREFECT_SERVER_ANALYTICS_ENABLED": "false"})
    return env


def run_pipeline(project: Path, stages: list[str] = STAGES) -> tuple[float, str]:
    """Run the stages in the project; (wall seconds, output). Stops its Prefect server."""
    env = pipeline_env(project)
    log = project / "pipeline-run.log"
    started = time.perf_counter()
    try:
        with open(log, "w", encoding="utf-8") as fh:
            proc = subprocess.run([sys.executable, "-m", "pipeline", "run", *stages], cwd=project, env=env,
                                  stdout=fh, stderr=subprocess.STDOUT, text=True)
        elapsed = time.perf_counter() - started
    finally:
        subprocess.run([sys.executable, "-m", "pipeline", "server", "stop"], cwd=project, env=env,
                       capture_output=True, text=True, timeout=120)
    out = log.read_text(encoding="utf-8", errors="replace")
    if proc.returncode:
        raise SystemExit(f"the pipeline failed (exit {proc.returncode}):\n{out[-4000:]}")
    return elapsed, out


def stage_times(output: str) -> dict[str, float]:
    """{stage: seconds} from the CLI's `<stage>: done in N s` lines."""
    return {m.group(1): float(m.group(2)) for m in re.finditer(r"^(\w+): done in ([0-9.]+)s", output, re.M)}


def load_claims(project: Path, articles: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """The facts stage's claims with article and incident, plus the claims of exact-repeat
    passages credited to the articles that repeat them; (claims, number credited)."""
    claims = pd.read_parquet(project / "data" / "facts" / "claims.parquet")
    claims["article"] = claims["source_path"].map(article_key)
    claims["credited"] = False
    docs = pd.read_parquet(project / "data" / "ingest" / "documents.parquet", columns=["doc_id", "source_path"])
    docs["article"] = docs["source_path"].map(article_key)
    dedup_path = project / "data" / "dedup" / "passages.parquet"
    credited = 0
    if dedup_path.exists():
        dp = pd.read_parquet(dedup_path, columns=["passage_id", "doc_id", "canonical_passage_id", "match",
                                                  "is_canonical"])
        repeats = dp[(dp["match"] == "exact") & ~dp["is_canonical"].astype(bool)]
        repeats = repeats.merge(docs[["doc_id", "article"]], on="doc_id")
        extra = claims.drop(columns=["article"]).merge(
            repeats[["canonical_passage_id", "article"]], left_on="passage_id", right_on="canonical_passage_id")
        extra = extra[extra["article"] != extra["source_path"].map(article_key)]
        if len(extra):
            extra = extra.drop(columns=["canonical_passage_id"]).assign(credited=True)
            credited = len(extra)
            claims = pd.concat([claims, extra], ignore_index=True)
    inc = dict(zip(articles["article"], articles["incident"]))
    claims["incident"] = claims["article"].map(inc)
    return claims[claims["incident"].notna()].reset_index(drop=True), credited


# ---------------------------------------------------------------------------------------------
# Report

def score(claims: pd.DataFrame, articles: pd.DataFrame, events: bool = True) -> dict:
    out = {m: {"recall": recall(claims, articles, m), "precision": precision(claims, articles, m)} for m in CASUALTY}
    if events:
        out["events"] = event_consistency(claims, articles)
        mix = mixing_events(claims)
        mix_cas = mixing_events(claims[claims["measure"].isin(CASUALTY)])
        out["mixing"] = {"events_mixing_incidents": len(mix), "casualty_events_mixing_incidents": len(mix_cas),
                         "events": int(claims["event"].nunique()),
                         "examples": [{"event": r.event, "incidents": r.incidents, "n_claims": int(r.n_claims)}
                                      for r in mix.head(10).itertuples()]}
    out["claims"] = len(claims)
    out["measures"] = measure_shares(claims)
    return out


def _f(x, pct=False) -> str:
    if x is None:
        return "-"
    return f"{x:.3f}" if isinstance(x, float) else str(x)


def _met(value, target) -> str:
    if value is None:
        return ""
    op, t = target
    ok = value >= t if op == ">=" else value <= t if op == "<=" else value == t
    return "ok" if ok else "MISSED"


def print_table(pipe: dict, base: dict, times: dict[str, float]) -> None:
    rows = []
    for m, tkey in (("killed", "killed_recall"), ("injured", "injured_recall")):
        r, rb = pipe[m]["recall"], base[m]["recall"]
        rows.append((f"{m} recall, exact ({r['articles']} articles)", r["exact"], rb["exact"], TARGETS[tkey]))
        rows.append((f"{m} recall, within range", r["within"], rb["within"], TARGETS[tkey]))
    for m in CASUALTY:
        p, pb = pipe[m]["precision"], base[m]["precision"]
        t = TARGETS["killed_precision"] if m == "killed" else None
        rows.append((f"{m} precision, exact ({p['claims']} / {pb['claims']} claims)", p["exact"], pb["exact"], t))
        rows.append((f"{m} precision, within range", p["within"], pb["within"], t))
        if "tolls" in p:
            rows.append((f"  ... of tolls ({p['tolls']} claims not marked part or tally)", p["tolls_exact"], None,
                         None))
    ev, mix = pipe["events"], pipe["mixing"]
    rows.append((f"multi-article incidents under one event key ({ev['multi_article_incidents']})",
                 ev["one_key_share"], None, TARGETS["one_event_key_share"]))
    rows.append(("  ... whose articles' most frequent keys agree", ev["articles_agree_share"], None, None))
    rows.append(("  mean distinct event keys per incident", ev["mean_distinct_keys"], None, None))
    rows.append((f"events mixing incidents (of {mix['events']} events)", mix["events_mixing_incidents"], None,
                 TARGETS["events_mixing_incidents"]))
    rows.append(("  of them with killed/injured claims", mix["casualty_events_mixing_incidents"], None, None))
    print(f"\n  {'metric':<56} {'pipeline':>9} {'regex':>9}  {'target':<8} {'':<6}")
    for label, p, b, t in rows:
        tt = f"{t[0]} {t[1]}" if t else ""
        print(f"  {label:<56} {_f(p):>9} {_f(b):>9}  {tt:<8} {_met(p, t) if t else ''}")
    ent, fac = times.get("entities"), times.get("facts")
    if ent and fac:
        ratio = fac / ent
        print(f"\n  stage wall times: " + ", ".join(f"{k} {v:.1f} s" for k, v in times.items()))
        print(f"  facts / entities time: {ratio:.2f}  (target <= 0.5: {_met(ratio, TARGETS['facts_over_entities_time'])})")
    for m, c in pipe.get("miss_causes", {}).items():
        print(f"  {m} counts missed (exact) in {c['missed']}/{c['of_articles']} articles ({c['single_victim']} of a "
              f"single victim): right value under another measure "
              f"{c['other_measure']}, only other values {c['wrong_value']}, no {m} claim {c['no_claim']}; "
              f"the regex finds {c['regex_found']} of them")
    print("\n  claims by measure (pipeline): " + ", ".join(f"{k} {v:.1%}" for k, v in pipe["measures"].items()))
    if mix["examples"]:
        print("  events mixing incidents, largest first:")
        for e in mix["examples"][:5]:
            print(f"    {e['event']}: incidents {', '.join(e['incidents'][:6])}"
                  f"{' ...' if len(e['incidents']) > 6 else ''} ({e['n_claims']} claims)")


_CUE = re.compile(r"\b(kill|dead|die|death|fatal|wound|injur|hurt|shot|slain|homicide|victim)", re.I)


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()]


def print_errors(n: int, claims: pd.DataFrame, base: pd.DataFrame, articles: pd.DataFrame, seed: int = 0) -> None:
    """N articles (a fixed random sample) whose killed or injured count no claim states exactly."""
    hits = {m: article_hits(claims, articles, m).set_index("article")["found_exact"] for m in CASUALTY}
    missed = []
    for a in articles.itertuples():
        miss = [m for m in CASUALTY if a.article in hits[m].index and not hits[m][a.article]]
        if miss:
            missed.append((a, miss))
    random.Random(seed).shuffle(missed)
    print(f"\n=== {min(n, len(missed))} of {len(missed)} articles with a missed count (exact) ===")
    for a, miss in missed[:n]:
        print(f"\n--- {a.article}  gold: killed {a.num_killed}, injured {a.num_injured}; missed: {', '.join(miss)}")
        print(f"    headline: {a.headline}")
        mine = claims[(claims["article"] == a.article) & claims["measure"].isin(CASUALTY)]
        if not len(mine):
            print("    pipeline: no killed/injured claim")
        for c in mine.itertuples():
            sent = re.sub(r"\s+", " ", str(c.sentence))[:220]
            print(f"    pipeline: {c.measure} {_f(c.value_low)}..{_f(c.value_high)} {c.qualifier} "
                  f"'{c.surface}' event={c.event}{' (credited repeat)' if c.credited else ''}\n        | {sent}")
        rb = base[base["article"] == a.article]
        print("    regex:    " + ("; ".join(f"{r.measure} {r.value_low} '{r.surface}'" for r in rb.itertuples())
                                   or "nothing"))
        body = split_article(a.text)[1]
        cues = [s for s in _sentences(body) if _CUE.search(s)][:5]
        for s in cues:
            print(f"    text:     {s[:220]}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.bench_casualties", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, metavar="N", help="score only the first N incidents (by id)")
    where = ap.add_mutually_exclusive_group()
    where.add_argument("--keep", metavar="DIR", type=Path, help="build the project in DIR and keep it")
    where.add_argument("--reuse", metavar="DIR", type=Path, help="score a project built before; run nothing")
    ap.add_argument("--errors", type=int, metavar="N", default=0, help="print N articles with a missed count")
    ap.add_argument("--dev", type=Path, default=DEV, metavar="DIR",
                    help="the set to score: gold.csv and articles/<incident>/*.txt (default ../shared/dev/casualties)")
    ap.add_argument("--json", type=Path, default=OUT, help=f"where to write the figures (default {OUT.relative_to(REPO)})")
    args = ap.parse_args(argv)

    dev = args.dev.resolve()
    if not (dev / "gold.csv").exists():
        raise SystemExit(f"no data at {dev}: give --dev a folder with gold.csv and articles/ (see ../shared/dev/README.md)")
    gold = load_gold(dev, limit=args.limit)
    articles = load_articles(gold, dev)
    times: dict[str, float] = {}
    wall = None
    if args.reuse:
        project = args.reuse.resolve()
        log = project / "pipeline-run.log"
        times = stage_times(log.read_text(encoding="utf-8", errors="replace")) if log.exists() else {}
        claims, credited = load_claims(project, articles)
        missing = set(articles["article"]) - set(
            pd.read_parquet(project / "data" / "ingest" / "documents.parquet", columns=["source_path"])
            ["source_path"].map(article_key))
        if missing:
            print(f"note: {len(missing)} scored articles are not in {project} (built with another --limit?)")
    else:
        tmp = None
        if args.keep:
            project = args.keep.resolve()
        else:
            tmp = tempfile.TemporaryDirectory(prefix="bench-casualties-")
            project = Path(tmp.name) / "project"
        try:
            build_project(project, articles)
            print(f"running {' '.join(STAGES)} on {len(articles)} articles of {len(gold)} incidents in {project} ...",
                  flush=True)
            wall, output = run_pipeline(project)
            times = stage_times(output)
            claims, credited = load_claims(project, articles)
        finally:
            if tmp is not None:
                tmp.cleanup()
    base = regex_claims(articles)
    pipe_scores = score(claims, articles)
    pipe_scores["miss_causes"] = {m: miss_causes(claims, articles, m, base) for m in CASUALTY}
    base_scores = score(base, articles, events=False)
    print(f"bench_casualties: {len(gold)} incidents, {len(articles)} articles; pipeline {len(claims)} claims "
          f"({credited} credited from exact repeats), regex {len(base)} figures")
    print_table(pipe_scores, base_scores, times)
    if args.errors:
        print_errors(args.errors, claims, base, articles)
    result = {"incidents": len(gold), "articles": len(articles), "pipeline": pipe_scores, "regex": base_scores,
              "credited_repeats": credited, "stage_seconds": times, "run_seconds": wall,
              "facts_over_entities_time": (times["facts"] / times["entities"]
                                           if times.get("facts") and times.get("entities") else None),
              "targets": {k: list(v) for k, v in TARGETS.items()}}
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2, default=str), encoding="utf-8")
    print(f"\nwritten {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
