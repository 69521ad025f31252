"""Report: the tables as one self-contained HTML file, a PDF and DVC metrics."""
