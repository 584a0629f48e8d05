"""One module per group of endpoints, each with an ``APIRouter`` named ``router``."""
