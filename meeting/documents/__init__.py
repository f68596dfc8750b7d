"""Meeting papers: upload, distribution, versions, classified viewing, search."""
