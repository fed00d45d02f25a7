"""Callables for transaction.on_commit(..., robust=True)."""

from collections.abc import Callable
from functools import partial, update_wrapper


def named_partial(func: Callable[..., object], /, **kwargs: object) -> Callable[[], object]:
    """functools.partial that keeps the function's __qualname__ (and its other names).

    When a robust on-commit hook raises, Django logs it by `func.__qualname__`; a bare
    partial has none, so the logging itself raises AttributeError and the request that had
    just committed (a confirmation, say) fails with a 500 after all.
    """
    return update_wrapper(partial(func, **kwargs), func)
