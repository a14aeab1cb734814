"""LifeTime API v2 simulator for tests and demos (stdlib only)."""
from .simulator import Simulator

__all__ = ["Simulator"]
