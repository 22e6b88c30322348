"""gunicorn settings shared by every service: `gunicorn -c python:shared.gunicorn_conf …`.

Access and error logs come out as JSON lines like the services' own logs.
"""
import os
import re
import sys


def _service() -> str:
    """The service this gunicorn serves, from its app argument (services.<name>.app:…)."""
    for arg in sys.argv:
        match = re.search(r"services\.(\w+)\.app", arg)
        if match:
            return match.group(1)
    return os.environ.get("RAPPORT_SERVICE", "http")


bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
graceful_timeout = 20
timeout = 60
keepalive = 5
# the longest request line gunicorn takes (its default, 4094, refused valid list queries with
# a long cursor in text/html before the app could answer)
limit_request_line = 8190
# gunicorn >= 25.1 opens a control socket at one path per user; several services (and test
# suites) on one machine would share it. Management goes through signals and pid files here.
control_socket_disable = True
accesslog = "-"
# one line per request, wrapped in the JSON log entry's "message"
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s %(M)sms request_id=%({x-request-id}o)s'
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "shared.logs.JsonFormatter", "service": _service()}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}},
    "root": {"level": "INFO", "handlers": ["stderr"]},
    "loggers": {
        "gunicorn.error": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        "gunicorn.access": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
    },
}
