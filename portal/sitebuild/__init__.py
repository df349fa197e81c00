"""Building the public static site: load, plan, freeze, check, publish (see ``pipeline``)."""
