"""The kernel websocket connection: refuses the legacy protocol, optionally turns off Nagle.

With Voila 0.5.13, one client speaking the legacy JSON kernel-websocket protocol (no
`v1.kernel.websocket.jupyter.org` subprotocol) that moves a slider whose reply carries binary
buffers makes the server spin at 100% CPU, grow by ~110 MB/s and stop answering everyone
(COURSE.md). Browsers running Voila's front end always offer v1, so refusing legacy clients costs
learners nothing; the server refuses them in every mode.

Voila takes this class from `Voila.kernel_websocket_connection_class`. jupyter_server's
`KernelWebsocketHandler.pre_get` awaits `prepare()` before the websocket upgrade, so raising an
HTTPError there answers the handshake with a plain HTTP error and no websocket is ever opened.
"""

from __future__ import annotations

from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection
from tornado import web
from traitlets import Bool

V1_PROTOCOL = "v1.kernel.websocket.jupyter.org"


def offered_subprotocols(header: str | None) -> list[str]:
    """The subprotocols a client offers in its Sec-WebSocket-Protocol header."""
    return [part.strip() for part in (header or "").split(",") if part.strip()]


class CourseWebsocketConnection(ZMQChannelsWebsocketConnection):
    """ZMQ channels over a websocket, v1 protocol only."""

    tcp_nodelay = Bool(
        False,
        config=True,
        help="Send each websocket frame at once (TCP_NODELAY) instead of waiting for Nagle.",
    )

    async def prepare(self):
        offered = offered_subprotocols(
            self.websocket_handler.request.headers.get("Sec-WebSocket-Protocol")
        )
        if V1_PROTOCOL not in offered:
            self.log.warning(
                "Refused a kernel websocket without the %s subprotocol (legacy protocol)",
                V1_PROTOCOL,
            )
            raise web.HTTPError(
                400, reason=f"Kernel websockets must use the {V1_PROTOCOL} subprotocol"
            )
        await super().prepare()

    def connect(self):
        if self.tcp_nodelay:
            # Called from the handler's open(), after the upgrade: the stream exists now.
            self.websocket_handler.set_nodelay(True)
        return super().connect()
