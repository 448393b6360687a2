"""fast_init for the structure's records (it lives in protokol.slots, which the model uses too)."""

from protokol.slots import fast_init

__all__ = ["fast_init"]
