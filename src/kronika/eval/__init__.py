"""Scorers behind `kronika eval KIND GOLD [PRED]`."""
