"""Pure rules of the contacts service: no I/O, reached by unit tests without servers."""
