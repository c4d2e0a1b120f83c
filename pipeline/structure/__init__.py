"""Text to structure: sections and the masthead (title, issue date, issuing body)."""
