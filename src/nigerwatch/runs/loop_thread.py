"""Synchronous iteration of a run from code that already runs an event loop (Jupyter).

asyncio allows one running loop per thread, so ``run_until_complete`` fails inside a notebook
cell or any ``async def``. There the run gets its own loop in a worker thread, and the caller's
thread waits for each outcome in turn: iterating stays as lazy as anywhere else, and stopping
early (``break``) closes the run in its own loop.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncGenerator, Iterator
from typing import TypeVar

T = TypeVar("T")


def loop_is_running() -> bool:
    """True when this thread is inside a running event loop (a notebook, an ``async def``)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


def iterate_in_thread(items: AsyncGenerator[T, None]) -> Iterator[T]:
    """The items of ``items``, produced by an event loop of their own in a worker thread."""
    loop = asyncio.new_event_loop()
    worker = threading.Thread(target=loop.run_forever, name="nigerwatch-run", daemon=True)
    worker.start()

    async def following() -> T:
        return await anext(items)

    async def close() -> None:
        await items.aclose()

    try:
        while True:
            try:
                yield asyncio.run_coroutine_threadsafe(following(), loop).result()
            except StopAsyncIteration:
                return
    finally:
        try:
            asyncio.run_coroutine_threadsafe(close(), loop).result()
        finally:
            loop.call_soon_threadsafe(loop.stop)
            worker.join()
            loop.close()
