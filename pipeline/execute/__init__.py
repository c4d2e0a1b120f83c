"""The run: wiring the stages per document, batches, executors and the incremental run."""
