"""gunicorn under `make serve`: PORT and WEB_CONCURRENCY from the environment."""

import os

bind = f"127.0.0.1:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# The site logs one JSON line per request itself (newsroom/request_log.py);
# gunicorn's own messages and tracebacks go to stderr.
accesslog = None
errorlog = "-"
# Only the TLS proxy on the same machine may say a request came over HTTPS.
forwarded_allow_ips = "127.0.0.1,::1"
timeout = 30
