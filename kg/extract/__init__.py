"""Extractors: each reads a document and returns new mentions, entities, posts, events or dates."""
