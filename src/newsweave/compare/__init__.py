"""The compare stage's parts: claims split from articles, aligned across outlets,
numbers normalised, framing terms and sources found from the data.
"""
