"""Prefect flows, the ``newsledger`` CLI and the benchmark: thin wiring over transforms/warehouse.

Importing this package sets Prefect defaults before Prefect itself is imported: telemetry off
unless the user opts in, and a generous start-up timeout for the temporary local API server
(the default 20 s is too short on a loaded two-core machine).
"""

import logging
import os

os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")

# trafilatura and its helpers log every page they find hard; the quarantine table says enough.
for _name in ("trafilatura", "htmldate", "courlan", "justext", "charset_normalizer"):
    logging.getLogger(_name).setLevel(logging.ERROR)
