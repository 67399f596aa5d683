"""Input: articles and corpora, readers for every format, cleaning, near-duplicates."""
