"""Norm-table files: parse, read and write them; the bundled synthetic example."""
