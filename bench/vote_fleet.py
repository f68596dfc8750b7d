"""The tablets of bench/vote.py: N Socket.IO clients that note when a vote reaches them.

One more client stands for the chair's console: it notes when ``poll.counted`` reaches N.
"""

import asyncio
import time

import socketio
from live_fanout import CONCURRENCY, CONNECT_TIMEOUT, FLEET_TIMEOUT, bounded_gather, log

WAIT = 30.0


def choice_of(index: int) -> str:
    """The ballot tablet ``index`` casts: two "yes" for each "no"."""
    return "no" if index % 3 == 0 else "yes"


class VoteFleet:
    def __init__(self, name, base, meeting_id, cookies, chair_cookie):
        self.name, self.base, self.meeting_id = name, base, meeting_id
        self.cookies, self.chair_cookie = cookies, chair_cookie
        self.clients = []
        self.shown = {}
        self.poll_id = None
        self.all_shown = asyncio.Event()
        self.counted = asyncio.Event()
        self.count_target = None
        self.count_time = None
        # Sockets the server or the network closed. python-engineio's client gives up when it
        # has sent nothing for ping interval + 5 s (its write loop's timeout), i.e. when the
        # server's ping comes more than 5 s late; a browser waits ping interval + timeout.
        self.lost = 0

    def start_round(self, poll_id, size):
        self.poll_id, self.size = poll_id, size
        self.shown = {}
        self.all_shown.clear()
        self.counted.clear()
        self.count_time, self.count_target = None, size

    def _client(self, index):
        client = socketio.AsyncClient(reconnection=False, request_timeout=CONNECT_TIMEOUT)

        def on_opened(data):
            if data.get("id") == self.poll_id and index not in self.shown:
                self.shown[index] = time.perf_counter()
                if len(self.shown) == self.size:
                    self.all_shown.set()

        def on_counted(data):
            if (index == -1 and data.get("poll_id") == self.poll_id
                    and data.get("received", 0) >= (self.count_target or 1 << 30)
                    and self.count_time is None):
                self.count_time = time.perf_counter()
                self.counted.set()

        def on_disconnect(*reason):
            self.lost += 1
            if self.lost == 1:
                log(f"  {self.name}: first socket lost ({reason or 'no reason given'})")

        client.on("disconnect", on_disconnect)
        if index >= 0:
            client.on("poll.opened", on_opened)
        client.on("poll.counted", on_counted)
        return client

    async def _connect(self, index, cookie):
        client = self._client(index)
        headers = {"Cookie": f"session={cookie}"} if cookie else {}
        await client.connect(self.base, headers=headers, transports=["websocket"],
                             wait_timeout=CONNECT_TIMEOUT)
        ack = await client.call("join", {"meeting_id": self.meeting_id}, timeout=CONNECT_TIMEOUT)
        if not (isinstance(ack, dict) and ack.get("ok")):
            raise RuntimeError(f"join refused: {ack}")
        self.clients.append(client)

    async def connect(self):
        started = time.perf_counter()
        await self._connect(-1, self.chair_cookie)
        await bounded_gather([self._connect(i, c) for i, c in enumerate(self.cookies)],
                             CONCURRENCY, FLEET_TIMEOUT)
        await asyncio.sleep(1.0)  # let the presence announcements of the joins drain
        log(f"  {self.name}: {len(self.cookies)} tablets and the chair joined in "
            f"{time.perf_counter() - started:.1f} s")

    async def wait_shown(self, t_open):
        try:
            await asyncio.wait_for(self.all_shown.wait(), WAIT)
        except TimeoutError:
            log(f"  {self.name}: only {len(self.shown)} tablets showed the vote "
                f"({self.lost} sockets lost so far)")
        return sorted((t - t_open) * 1000 for t in self.shown.values())

    async def wait_count(self, size):
        try:
            await asyncio.wait_for(self.counted.wait(), WAIT)
        except TimeoutError:
            log(f"  {self.name}: the chair never saw the count reach {size}")
        return self.count_time

    async def disconnect(self):
        await asyncio.gather(*(c.disconnect() for c in self.clients), return_exceptions=True)
        self.clients = []
