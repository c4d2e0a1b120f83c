"""What every layer shares: records, settings, errors, ids and the data-file loader."""
