"""Recording the core's announcements in tests."""

from contextlib import contextmanager

from django.dispatch import Signal


@contextmanager
def recording(signals: dict[str, Signal]):
    """Yield a list that receives (signal name, kwargs) for every announcement, in the order sent."""
    received = []
    receivers = {}
    for name, signal in signals.items():

        def receiver(sender, signal, _name=name, **kwargs):
            received.append((_name, kwargs))

        receivers[name] = receiver
        signal.connect(receiver, weak=False)
    try:
        yield received
    finally:
        for name, signal in signals.items():
            signal.disconnect(receivers[name])
