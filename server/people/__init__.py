"""The people directory: who manages, reviews and is responsible for what, and how to reach them."""
