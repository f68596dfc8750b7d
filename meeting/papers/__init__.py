"""Official papers of a meeting: PDF rendering in the Party layout, numbering, minutes, signing."""
