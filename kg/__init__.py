"""dipkg: a knowledge-graph builder for diplomatic news, Persian first."""
__version__ = "0.1.0"
