"""The shared access code: a friendly code page, `?code=` links, and a login cookie.

Built on jupyter_server's IdentityProvider, which Voila takes from `Voila.identity_provider_class`
and hands the code as its `token` (`Voila.token`). The provider accepts the code from

- the code page (`<base URL>login`, a form; wrong codes get a friendly message, never a traceback),
- a link with `?code=...` (or jupyter's own `?token=...`): the server sets the login cookie and
  redirects to the same address without the code, so it does not stay in the address bar, in
  the browser's history or in anything a learner might copy and share by mistake.

After that the login cookie (path: the base URL) lets every lesson link, the widget websocket and
the course map through. The code is compared without case or surrounding spaces, in constant time,
and a wrong one costs a one-second pause. The request log never shows query strings
(`course_server.logs`), so the code never reaches the log.
"""

from __future__ import annotations

import asyncio
import hmac
from urllib.parse import parse_qsl, urlencode

from jupyter_server.auth.decorator import allow_unauthenticated
from jupyter_server.auth.identity import IdentityProvider
from jupyter_server.auth.login import LoginFormHandler
from jupyter_server.base.handlers import APIHandler
from jupyter_server.utils import url_path_join
from tornado import web
from tornado.httputil import url_concat
from tornado.websocket import WebSocketHandler
from traitlets import Dict, Float

from course_server import pages
from course_server.settings import normalise_code

CODE_ARGUMENTS = ("code", "token")


def same_code(given: str | None, code: str | None) -> bool:
    if not given or not code:
        return False
    return hmac.compare_digest(normalise_code(given).encode(), normalise_code(code).encode())


def without_code(handler: web.RequestHandler) -> str:
    """The request's own address with any code argument taken out."""
    kept = [
        (key, value)
        for key, value in parse_qsl(handler.request.query, keep_blank_values=True)
        if key not in CODE_ARGUMENTS
    ]
    return handler.request.path + ("?" + urlencode(kept) if kept else "")


class CourseIdentityProvider(IdentityProvider):
    """Anyone with the group's code is let in; with no code set, everyone is (as stock Voila)."""

    course = Dict(config=True, help="The course's template data (title, crisis lines).")
    wrong_code_delay = Float(1.0, config=True, help="Seconds a wrong code waits for its answer.")

    @property
    def auth_enabled(self) -> bool:
        return bool(self.token)

    @property
    def login_available(self) -> bool:
        return self.auth_enabled

    @property
    def logout_available(self) -> bool:
        return False

    def get_handlers(self) -> list:
        """The code page, under the server's URL prefix (jupyter_server's list has none)."""
        if not self.auth_enabled:
            return []
        prefix = getattr(self.parent, "server_url", None) or "/"
        return [(url_path_join(prefix, "/login"), CodePageHandler)]

    def get_token(self, handler: web.RequestHandler) -> str | None:
        for name in CODE_ARGUMENTS:
            value = handler.get_query_argument(name, "")
            if value:
                return value
        match = self.auth_header_pat.match(handler.request.headers.get("Authorization", ""))
        return match.group(2) if match else None

    async def get_user_token(self, handler: web.RequestHandler):
        if not same_code(self.get_token(handler), self.token):
            return None
        user = self.get_user_cookie(handler)
        if asyncio.iscoroutine(user):
            user = await user
        return user or self.generate_anonymous_user(handler)

    async def get_user(self, handler: web.RequestHandler):
        user = await self._get_user(handler)
        carries_code = any(name in handler.request.query_arguments for name in CODE_ARGUMENTS)
        is_page = handler.request.method in {"GET", "HEAD"} and not isinstance(
            handler, (WebSocketHandler, APIHandler)
        )
        if self.auth_enabled and carries_code and is_page:
            # A link with the code: the login cookie is set (by _get_user) when the code is right;
            # either way the learner continues at an address without it.
            target = without_code(handler)
            if user is None:
                await asyncio.sleep(self.wrong_code_delay)
                target = url_concat(handler.settings["login_url"], {"next": target, "wrong": "1"})
            handler.redirect(target)
            raise web.Finish()
        return user


class CodePageHandler(LoginFormHandler):
    """GET: the form asking for the code. POST: check it, set the cookie, go on to the lesson."""

    def _code_page(self, *, wrong: bool) -> None:
        self.set_header("Cache-Control", "no-store")
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        self.finish(
            pages.code_page(
                self.identity_provider.course,
                action=self.settings["login_url"],
                next_url=self.get_argument("next", default=self.base_url),
                xsrf_html=self.xsrf_form_html(),
                wrong=wrong,
            )
        )

    @allow_unauthenticated
    def get(self):
        if self.current_user:
            self._redirect_safe(self.get_argument("next", default=self.base_url))
        else:
            self._code_page(wrong=bool(self.get_argument("wrong", "")))

    @allow_unauthenticated
    async def post(self):
        provider = self.identity_provider
        if not same_code(self.get_body_argument("code", ""), provider.token):
            await asyncio.sleep(provider.wrong_code_delay)
            self.set_status(403)
            self._code_page(wrong=True)
            return
        provider.set_login_cookie(self, provider.generate_anonymous_user(self))
        self._redirect_safe(self.get_argument("next", default=self.base_url))
