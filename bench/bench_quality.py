"""Quality of quantity extraction on four published test sets (currency, dimension, age,
temperature; ../shared/dev/quantities/, see its README), scored as CQE scores them, next to
CQE's published figures and a plain number regex measured in the same run.

    python bench/bench_quality.py [--json bench/out/quality.json] [--errors currency]

Each sentence goes through `extract_passage` (the function the facts stage calls) as a
one-sentence passage, with ages read (`ages=True`: the age set counts "five years old";
the stage itself leaves ages out, and its age-set score is printed as well). Within a
sentence, predicted and gold quantities are matched one to one; a value matches when it is
equal (to the gold's decimals: "0.33" = 1/3), a range when both bounds are; value+unit also
needs the units to agree after `normalize_unit` (symbols, codes, plurals, case; a count
with no unit agrees with the gold's "-" and "count"). The regex baseline is value-only.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pipeline.facts.quantities import extract_passage  # noqa: E402
from pipeline.facts.units import normalize_unit  # noqa: E402

DEV = REPO.parent / "shared" / "dev" / "quantities"
SETS = ("currency", "dimension", "age", "temperature")
# CQE's published figures (vivkaz/CQE data/evaluation_output, commit 32d9e728): value P, R, F1; value+unit F1
CQE = {"currency": (82.6, 85.9, 84.2, 79.2), "dimension": (85.5, 87.6, 86.5, 79.2),
       "age": (91.3, 95.5, 93.3, 93.3), "temperature": (94.3, 97.1, 95.7, 92.8)}
NUMBER = re.compile(r"(?<![\w.])-?\d+(?:,\d{3})*(?:\.\d+)?")


def load(name: str, dev: Path = DEV) -> list[dict]:
    return json.loads((dev / f"{name}-model.json").read_text(encoding="utf-8"))


def _gold_value(v: str) -> tuple[float, float, int]:
    """(low, high, decimals of the gold) of '75000000', '8-10', '-5', '4-5.6'."""
    m = re.fullmatch(r"\s*(-?[\d.]+)\s*-\s*(-?[\d.]+)\s*", v)
    parts = [m.group(1), m.group(2)] if m else [v.strip()]
    dec = max((len(p.split(".")[1]) if "." in p else 0) for p in parts)
    lo, hi = float(parts[0]), float(parts[-1])
    return lo, hi, dec


def _close(pred: float | None, gold: float, dec: int) -> bool:
    if pred is None:
        return False
    if pred == gold:
        return True
    return round(pred, dec) == gold or abs(pred - gold) <= 1e-9 * max(abs(gold), 1.0)


def predict(text: str, ages: bool = True) -> list[tuple[float | None, float | None, str]]:
    """(low, high, unit) of every figure `extract_passage` finds in one sentence; an open bound
    (at least / at most / vague) is the value written."""
    out = []
    for q in extract_passage(text, [(0, len(text))], ages=ages):
        lo, hi = q.value_low, q.value_high
        if q.uncertain:
            continue
        if lo is None:
            lo = hi
        if hi is None or q.qualifier != "range":
            hi = lo
        unit = q.unit
        if unit is None and q.head:
            unit = q.head
        if unit and q.extra.get("per"):
            unit = f"{unit} per {q.extra['per']}"  # $ 98 a share -> dollar per share
        out.append((lo, hi, unit))
    return out


def regex_baseline(text: str) -> list[tuple[float, float, str]]:
    out = []
    for m in NUMBER.finditer(text):
        v = float(m.group().replace(",", ""))
        out.append((v, v, ""))
    return out


def _match(preds, golds, with_unit: bool) -> int:
    used = set()
    tp = 0
    for g in golds:
        lo, hi, dec = _gold_value(g["value"])
        gu = normalize_unit(g.get("normalized_unit"))
        for k, (plo, phi, pu) in enumerate(preds):
            if k in used or not _close(plo, lo, dec) or not _close(phi, hi, dec):
                continue
            if with_unit and normalize_unit(pu) != gu:
                continue
            used.add(k)
            tp += 1
            break
    return tp


def score(items: list[dict], fn) -> dict:
    counts = {"gold": 0, "pred": 0, "tp_value": 0, "tp_unit": 0}
    errors = []
    for it in items:
        preds = fn(it["text"])
        golds = it["quantities"]
        counts["gold"] += len(golds)
        counts["pred"] += len(preds)
        tv, tu = _match(preds, golds, False), _match(preds, golds, True)
        counts["tp_value"] += tv
        counts["tp_unit"] += tu
        if tv < max(len(golds), len(preds)) or tu < tv:
            errors.append({"text": it["text"], "gold": [(g["value"], g.get("normalized_unit")) for g in golds],
                           "pred": preds})

    def prf(tp):
        p = tp / counts["pred"] if counts["pred"] else 0.0
        r = tp / counts["gold"] if counts["gold"] else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    vp, vr, vf = prf(counts["tp_value"])
    up, ur, uf = prf(counts["tp_unit"])
    return {**counts, "value_p": vp, "value_r": vr, "value_f1": vf, "unit_p": up, "unit_r": ur, "unit_f1": uf,
            "errors": errors}


def run(dev: Path = DEV) -> dict:
    results = {}
    for name in SETS:
        items = load(name, dev)
        started = time.perf_counter()
        ours = score(items, predict)
        secs = time.perf_counter() - started
        stage = score(items, lambda t: predict(t, ages=False))
        base = score(items, regex_baseline)
        results[name] = {"sentences": len(items), "ours": ours, "stage_default": stage, "regex": base,
                         "cqe": dict(zip(("value_p", "value_r", "value_f1", "unit_f1"), CQE[name])),
                         "seconds": secs}
    return results


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--json", default=str(REPO / "bench" / "out" / "quality.json"))
    ap.add_argument("--errors", default="", help="print the disagreements of these sets (comma-separated)")
    args = ap.parse_args()
    if not DEV.is_dir():
        print(f"no dev sets at {DEV}", file=sys.stderr)
        return 2
    res = run()
    print("quantities: quality on the CQE test sets (value P / R / F1, value+unit F1, in %)")
    print(f"  {'set':<12} {'ours':>26} {'  CQE (published)':>26} {'regex (value only)':>22}")
    for name in SETS:
        r, c, b = res[name]["ours"], res[name]["cqe"], res[name]["regex"]
        print(f"  {name:<12} {100 * r['value_p']:5.1f} / {100 * r['value_r']:5.1f} / {100 * r['value_f1']:5.1f}"
              f"  {100 * r['unit_f1']:5.1f}    {c['value_p']:5.1f} / {c['value_r']:5.1f} / {c['value_f1']:5.1f}"
              f"  {c['unit_f1']:5.1f}    {100 * b['value_p']:5.1f} / {100 * b['value_r']:5.1f} / "
              f"{100 * b['value_f1']:5.1f}")
    s = res["age"]["stage_default"]
    print(f"  (age set as the stage reads it, ages left out: value F1 {100 * s['value_f1']:.1f}, "
          f"value+unit {100 * s['unit_f1']:.1f})")
    for name in filter(None, args.errors.split(",")):
        print(f"\n--- {name}: disagreements")
        for e in res[name]["ours"]["errors"]:
            print(f"  {e['text'][:150]!r}\n     gold {e['gold']}\n     pred {e['pred']}")
    out = {name: {k: ({kk: vv for kk, vv in v.items() if kk != "errors"} if isinstance(v, dict) else v)
                  for k, v in res[name].items()} for name in SETS}
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps(out, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
