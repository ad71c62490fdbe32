"""Stages that run over the store after ingestion."""
