"""Callables for transaction.on_commit(..., robust=True)."""

from functools import partial


def named_partial(func, /, **kwargs):
    """functools.partial that keeps the function's __qualname__.

    When a robust on-commit hook raises, Django logs it by `func.__qualname__`; a bare
    partial has none, so the logging itself raises AttributeError and the request that had
    just committed (a confirmation, say) fails with a 500 after all.
    """
    call = partial(func, **kwargs)
    call.__qualname__ = getattr(func, "__qualname__", repr(func))
    return call
