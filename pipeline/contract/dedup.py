"""Tables of the dedup stage: repeated passages, their clusters and blocks."""

import pyarrow as pa

from pipeline.contract import Column as C, Table
from pipeline.contract.ingest import PASSAGE_KEYS, PASSAGE_TEXT

PASSAGES = Table("dedup", "passages", "Every passage of ingest with its cluster of repeats.", (
    *PASSAGE_KEYS, PASSAGE_TEXT,  # ingest's page is not copied: join ingest passages on passage_id
    C("cluster_id", pa.string(), "null when the passage is not repeated"),
    C("canonical_passage_id", pa.string(), "the cluster's canonical (earliest) passage; itself when canonical or unique"),
    C("is_canonical", pa.bool_(), "the occurrence counted downstream"),
    C("match", pa.string(), "exact, near or unique"),
    C("similarity", pa.float64(), "to the canonical passage, 0..1"),
    C("method", pa.string(), "exact, near, shingles, contained or reworded (null: unique)"),
    C("exact_of", pa.string(), "earliest passage with the same normalised text (itself if none)"),
    C("skip_downstream", pa.bool_(), "an exact, non-canonical copy: its text is processed once, elsewhere"),
    C("figures_differ", pa.bool_(), "a near repeat whose figures are not the canonical's"),
    C("eligible", pa.bool_(), "long enough to be compared at all"),
    C("n_words", pa.int32(), "words of the normalised text"),
    C("norm_key", pa.string(), "hash of the normalised text (equal key: exact repeat)"),
    C("block_id", pa.string(), "the repeated block it belongs to, or null"),
    C("quotes_cluster_ids", pa.list_(pa.string()), "clusters whose text this passage quotes inside it"),
))
CLUSTERS = Table("dedup", "clusters", "One row per group of repeated passages.", (
    C("cluster_id", pa.string(), "the cluster"),
    C("canonical_passage_id", pa.string(), "its earliest occurrence"),
    C("kind", pa.string(), "exact (all members the same text) or near"),
    C("n_occurrences", pa.int64(), "members and passages quoting it"),
    C("n_members", pa.int64(), "passages in the cluster"),
    C("n_docs", pa.int64(), "documents holding an occurrence"),
    C("doc_ids", pa.list_(pa.string()), "those documents"),
    C("passage_ids", pa.list_(pa.string()), "every occurrence: members, then passages quoting it"),
    C("quoted_in_passage_ids", pa.list_(pa.string()), "passages quoting it inside a longer text"),
    C("min_similarity", pa.float64(), "lowest similarity of a member to the canonical passage"),
    C("figures_differ", pa.bool_(), "some member's figures differ from the canonical's"),
    C("canonical_chars", pa.int64(), "length of the canonical passage"),
    C("canonical_head", pa.string(), "its first characters, for display"),
))
OCCURRENCES = Table("dedup", "occurrences", "Where each cluster occurs, one row per occurrence.", (
    C("cluster_id", pa.string(), "the cluster"),
    C("passage_id", pa.string(), "the passage holding the occurrence"),
    C("doc_id", pa.string(), "its document"),
    C("seq", pa.int32(), "the passage's place in the document"),
    C("relation", pa.string(), "canonical, exact, near, shingles, contained, reworded or quoted"),
    C("similarity", pa.float64(), "to the canonical passage, 0..1"),
    C("char_start", pa.int64(), "where the text occurs in `documents.text` (for quoted: the quoted part)"),
    C("char_end", pa.int64(), "end, exclusive"),
    C("approximate", pa.bool_(), "offsets of a quoted part estimated (raw and normalised words differ)"),
), parts_by="cluster_id")
LINKS = Table("dedup", "links", "Every verified pair of passages, and why it was linked.", (
    C("passage_a", pa.string(), "the earlier passage"),
    C("passage_b", pa.string(), "the later passage"),
    C("method", pa.string(), "near, shingles, contained, quoted or reworded"),
    C("similarity", pa.float64(), "word-level 2*LCS/(la+lb), shingle Jaccard, or weighted overlap for reworded"),
    C("containment", pa.float64(), "share of the shorter passage found in one place of the longer"),
    C("member", pa.bool_(), "joined the two passages' clusters"),
    C("inner_passage_id", pa.string(), "for contained and quoted: the shorter passage"),
    C("outer_char_start", pa.int64(), "where it lies in the longer passage's document"),
    C("outer_char_end", pa.int64(), "end, exclusive"),
))
BLOCKS = Table("dedup", "blocks", "Runs of consecutive passages repeated together in several documents.", (
    C("block_id", pa.string(), "the block"),
    C("copy", pa.int32(), "which copy of the block this row is, from 0"),
    C("n_copies", pa.int32(), "copies of the block"),
    C("doc_id", pa.string(), "the document holding this copy"),
    C("seq_start", pa.int32(), "first passage of the copy"),
    C("seq_end", pa.int32(), "last passage of the copy"),
    C("char_start", pa.int64(), "start in `documents.text`"),
    C("char_end", pa.int64(), "end, exclusive"),
    C("n_passages", pa.int32(), "passages in the copy"),
    C("passage_ids", pa.list_(pa.string()), "those passages"),
), parts_by="block_id")
REPEATED_SHARE = Table("dedup", "repeated_share", "How much of each document repeats text found elsewhere.", (
    C("doc_id", pa.string(), "the document"),
    C("source_path", pa.string(), "its file"),
    C("n_chars", pa.int64(), "its length"),
    C("n_passages", pa.int64(), "its passages"),
    C("repeated_passages", pa.int64(), "passages that occur elsewhere too"),
    C("repeated_chars", pa.int64(), "characters that occur elsewhere too"),
    C("repeated_share", pa.float64(), "repeated_chars / n_chars"),
    C("copied_chars", pa.int64(), "characters that repeat an earlier (canonical) occurrence"),
    C("copied_share", pa.float64(), "copied_chars / n_chars"),
    C("skipped_passages", pa.int64(), "exact copies not processed downstream"),
))
TABLES = {t.name: t for t in (PASSAGES, CLUSTERS, OCCURRENCES, LINKS, BLOCKS, REPEATED_SHARE)}
