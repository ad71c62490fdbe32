"""newsweave: raw news articles in, a cited, structured picture of each story out."""

__version__ = "0.1.0"
