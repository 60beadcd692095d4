"""Running calls at the same moment on separate database connections, for "exactly one wins" tests."""

import threading

from django.db import connection


def race(*calls):
    """Start every call at the same moment, each on its own connection (thread).

    Returns what each call returned, or the exception it raised: a DomainError for a
    refusal, anything else for a crash, which the test's assertions then show.
    """
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=10)
            results[index] = call()
        except Exception as error:  # noqa: BLE001 - a crash must show up in the assertions, not vanish in the thread
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads), "a racing call is still blocked"
    return results
