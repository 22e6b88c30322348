"""The accounts service's rules: pure functions, no store, no Flask, no HTTP."""
