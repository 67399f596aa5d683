"""The measures: actors, attribution, loaded terms, stance toward actors."""
