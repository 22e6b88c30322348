"""The typed client's resource groups (`Rapport.contacts`, `.goals`, ...), one module per service."""
