"""The `vipscene` command line: argument parsing, progress and colour live here, not in stages."""
