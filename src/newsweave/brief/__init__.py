"""The brief stage's parts: a dated timeline of a story's events and a cited extractive summary."""
