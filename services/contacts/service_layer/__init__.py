"""Use cases of the contacts service (REST records, devices, sync, imports): they validate,
decide with the domain and write through `adapters/`; they never import the routes."""
