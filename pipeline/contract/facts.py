"""Tables of the facts stage: figures, who claims them, about which event, and a timeline."""

import pyarrow as pa

from pipeline.contract import Column as C, Table

S, F, I, B = pa.string(), pa.float64(), pa.int64(), pa.bool_()

QUANTITIES = Table("facts", "quantities", "Every figure found in the text.", (
    C("quantity_id", S, "the figure"),
    C("doc_id", S, "its document"),
    C("passage_id", S, "its passage"),
    C("sentence_id", S, "its sentence"),
    C("start", I, "start in `text_clean`"),
    C("end", I, "end in `text_clean`, exclusive"),
    C("raw_start", I, "start in `documents.text`"),
    C("raw_end", I, "end in `documents.text`, exclusive"),
    C("surface", S, "as written"),
    C("value_low", F, "lower bound (equal to value_high for an exact figure; null when open)"),
    C("value_high", F, "upper bound (null when open)"),
    C("qualifier", S, "exact, at_least, at_most, about, range or vague"),
    C("unit", S, "person, USD, KZT, RUB, percent, ..."),
    C("measure", S, "what is counted: killed, injured, missing, displaced, detained, strikers, ... or other"),
    C("counted", S, "the noun the figure counts, as written"),
    C("uncertain", B, "hedged (reportedly, allegedly, ...)"),
    C("hedge_inherited", B, "the hedge is in an earlier sentence that the figure's sentence continues"),
    C("hypothetical", B, "said of what could or would happen, not of what did"),
    C("layout", B, "a number of the page's layout (list item, caption), not a claim"),
    C("implicit", B, "a count the grammar gives without a numeral ('a man was killed' = 1, 'no one was hurt' = 0)"),
    C("reckoning", S, "how a count was reckoned from what the text says, when it was: '6 - 2' (the shot "
                      "minus the dead), 'shot; the document reports no death'; null for a figure as written"),
    C("part_of", S, "the larger group a written count is one part of, as written: 'of the four men killed' "
                    "('two of the four men killed'), 'a man and two women' (the 2 counts the women), or 'more than those "
                    "told before' for an increment ('killed two more'); null otherwise"),
    C("tally_of", S, "the period a casualty count is a running tally of, as written ('so far this year', 'in "
                     "2013'; 'a running count' for 'the homicide count to 51'), or the incidents it was reached over "
                     "('in three separate shootings'): the dead or shot of many incidents, not one incident's toll; "
                     "null otherwise (pipeline/facts/tallies.py)"),
    C("kind", S, "the kind of event the figure is about"),
    C("kind_basis", S, "where the kind was read: sentence, context or document"),
    C("kind_cues", S, "the words that gave the kind"),
    C("event", S, "event key: place, period and kind"),
    C("place", S, "the event's place"),
    C("event_date", S, "the event's date as found (ISO 8601)"),
    C("event_basis", S, "where the date was read"),
    C("attribution", S, "who says so, as written, or null"),
    C("attribution_kind", S, "official, unofficial, eyewitness, media, author or unknown"),
    C("sentence", pa.large_string(), "the sentence holding the figure"),
))
CLAIMS = Table("facts", "claims", "Figures that count something about an event, with who says so.", (
    C("claim_id", S, "the claim"),
    C("quantity_id", S, "its figure"),
    C("measure", S, "what is counted"),
    C("event", S, "what the figure is about (event key)"),
    C("value_low", F, "lower bound"),
    C("value_high", F, "upper bound"),
    C("qualifier", S, "exact, at_least, at_most, about, range or vague"),
    C("unit", S, "the unit"),
    C("surface", S, "as written"),
    C("uncertain", B, "hedged"),
    C("implicit", B, "a count written without a numeral ('a man was killed' = 1)"),
    C("reckoning", S, "how the count was reckoned, when it was (see quantities.reckoning)"),
    C("part", B, "one of the counted, not a toll; not a value in disputes: a count written without a numeral "
                 "that is smaller than a figure of the same measure its document gives for the event ('Garcia "
                 "died' beside 'two men were killed'), a count its sentence adds up with others ('4 adults and "
                 "2 children': 4 and 2), or one with a group it is part of (quantities.part_of)"),
    C("tally", B, "a period's running tally ('168 homicides this year') or a count over several incidents "
                  "('in three separate shootings'), not the event's toll; not a value in "
                  "disputes (quantities.tally_of)"),
    C("attribution", S, "who says so, as written, or null"),
    C("attribution_kind", S, "official, unofficial, eyewitness, media, author or unknown"),
    C("doc_id", S, "its document"),
    C("passage_id", S, "its passage"),
    C("source_path", S, "the document's file"),
    C("title", S, "the document's title"),
    C("raw_start", I, "start in `documents.text`"),
    C("raw_end", I, "end in `documents.text`, exclusive"),
    C("independent", B, "not a reprint of an earlier source's passage"),
    C("reprint_of", S, "the passage this claim's passage reprints, or null"),
    C("n_copies", I, "copies of the passage in the corpus"),
    C("sentence", pa.large_string(), "the sentence holding the figure"),
    C("figure_date", S, "the date the figure is dated to (quantities.event_date: a toll 'rose to 157 on "
                        "Sunday' is as of that Sunday), or null"),
))
COMPARISON = Table("facts", "comparison", "Every value claimed per event and measure, side by side.", (
    C("event", S, "event key"),
    C("event_label", S, "the event, for people"),
    C("measure", S, "what is counted"),
    C("value_low", F, "lower bound"),
    C("value_high", F, "upper bound"),
    C("qualifier", S, "exact, at_least, at_most, about, range or vague"),
    C("unit", S, "the unit"),
    C("n_claims", I, "claims of this value"),
    C("n_independent", I, "of them, not reprints"),
    C("n_docs", I, "documents claiming it"),
    C("attribution_kinds", pa.list_(S), "kinds of source claiming it"),
    C("attributions", pa.list_(S), "sources claiming it, as written"),
    C("doc_ids", pa.list_(S), "documents claiming it"),
    C("claim_ids", pa.list_(S), "the claims"),
    C("n_values_for_measure", I, "distinct values claimed for this event and measure"),
    C("contested", B, "independent sources disagree on this event and measure (disagreement = 'between sources')"),
    C("disagreement", S, "between sources (two sources, an author or a source quoted, each give a value the "
                         "other does not; reprints are no second source), rising over time (a toll officials "
                         "updated: one value a day, never smaller on a later day, claims.figure_date), within "
                         "one source (sub-counts, updates) or none"),
))
EVENTS = Table("facts", "events", "What figures are about: a place, a period and a kind.", (
    C("event_id", S, "event key"),
    C("label", S, "the event, for people"),
    C("place", S, "its place"),
    C("period", S, "its period (YYYY-MM-DD, YYYY-MM, YYYY or undated)"),
    C("kind", S, "its kind"),
    C("cues", pa.list_(S), "the words that gave the kind"),
    C("date_start", S, "first date of the event found"),
    C("date_end", S, "last date"),
    C("peak_date", S, "the date most figures point to"),
    C("n_quantities", I, "figures about it"),
    C("n_claims", I, "claims about it"),
    C("n_docs", I, "documents about it"),
    C("doc_ids", pa.list_(S), "those documents"),
    C("measures", pa.list_(S), "measures claimed"),
))
TIMELINE = Table("facts", "timeline", "Every date the documents state, grouped across documents.", (
    C("date", S, "ISO 8601 (start, for a span)"),
    C("date_end", S, "end of a span, or null"),
    C("precision", S, "day, month or year"),
    C("doc_id", S, "its document"),
    C("passage_id", S, "its passage"),
    C("sentence_id", S, "its sentence"),
    C("sentence", pa.large_string(), "the sentence"),
    C("surface", S, "as written"),
    C("start", I, "start in `text_clean`"),
    C("end", I, "end in `text_clean`, exclusive"),
    C("raw_start", I, "start in `documents.text`"),
    C("raw_end", I, "end in `documents.text`, exclusive"),
    C("relative", B, "resolved from a relative expression (yesterday, last week)"),
    C("role", S, "what the date is in its sentence (event, publication, ...)"),
    C("kind", S, "the kind of event the sentence is about"),
    C("attribution", S, "who says so, as written, or null (the document's own voice)"),
    C("attribution_kind", S, "official, unofficial, eyewitness, media, author or unknown"),
    C("event", S, "event key"),
    C("place", S, "the event's place"),
    C("group_id", S, "the same date and event across documents"),
    C("n_docs_in_group", I, "documents stating it"),
), parts_by="date")
TABLES = {t.name: t for t in (QUANTITIES, CLAIMS, COMPARISON, EVENTS, TIMELINE)}
