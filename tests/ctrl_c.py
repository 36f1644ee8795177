"""Start a process with Ctrl-C as a user at a terminal has it, however the tests were started."""
import signal


def at_its_default() -> None:
    """A `preexec_fn`. A shell ignores SIGINT for a job it starts in the background (`cmd &`,
    `nohup`) and every child inherits that, so a test of Ctrl-C would otherwise depend on how its
    runner was launched."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
