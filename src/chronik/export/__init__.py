"""Output formats: TimeML and JSON renderings of annotations."""
