"""Pure rules of the contacts service: no store, web framework or HTTP problem; reached by
unit tests without servers."""
