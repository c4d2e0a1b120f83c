"""Records to tables: the schema, Arrow tables, validation, spill files and the store."""
