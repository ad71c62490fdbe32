"""Peer systems used by more than one runner or trainer (a runner never imports another)."""
