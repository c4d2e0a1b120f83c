"""Raw files to text: discovery, then one reader per input format."""
