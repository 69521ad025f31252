"""Colours the report's charts share: one per kind of source, the same in every chart."""

KIND_COLORS = {
    "official": "#1f5fa8", "unofficial": "#d9822b", "eyewitness": "#2e8b57", "media": "#8e44ad",
    "author": "#6b7280", "unknown": "#a0522d",
}
