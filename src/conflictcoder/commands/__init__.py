"""One module per CLI command: ``register(sub)`` adds its parser and sets ``run``."""
