"""The request log line: status, method, path and timing, but never the query string.

Tornado's default line logs the whole URI, query included; a `?code=...` link (the access code)
or anything else a learner's link carries would land in the server log. This one, set as
Tornado's `log_function` (`Voila.tornado_settings`), logs only the path. Successes are debug-level
(as in jupyter_server), refusals warnings, server errors errors.
"""

from __future__ import annotations

from tornado.log import access_log
from tornado.web import RequestHandler


def log_request(handler: RequestHandler) -> None:
    status = handler.get_status()
    logger = getattr(handler, "log", None) or access_log
    if status < 400:
        log = logger.debug
    elif status < 500 or status == 503:
        log = logger.warning
    else:
        log = logger.error
    request = handler.request
    log(
        "%d %s %s (%s) %.2fms",
        status,
        request.method,
        request.path,
        request.remote_ip,
        1000.0 * request.request_time(),
    )
