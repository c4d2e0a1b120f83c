"""Reading the tables back: loading for analysts, the evaluator and the HTML report."""
