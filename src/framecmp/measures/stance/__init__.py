"""Stance toward actors: who evaluates whom, with the words that moved each evaluation."""
