"""Documents and stores of the contacts service: mongoengine declarations, the record store
(`Batch`), the change log, devices and their receipts, and the upkeep pulls run. Adapters may
import the domain, never the use cases or the routes."""
