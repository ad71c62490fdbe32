"""Extractors that read a cleaned article and point back into its text."""
