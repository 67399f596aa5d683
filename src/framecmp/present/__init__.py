"""Presenting: plots, highlighted articles, reports, worksheets."""
