"""Printing savings: what the paperless meetings spared in paper, money and trees."""
