"""`flake8-gpt2 [--fix | --diff] [--unsafe-fixes] [--select CODES] [--ignore CODES] [PATH...]`
and `flake8-gpt2 rule CODE`.

Exit status: 0 nothing left to report, 1 findings left, 2 a file could not be read, analysed or
written, or the configuration or command line is wrong, 130 interrupted (Ctrl-C).
"""
from __future__ import annotations

import argparse
import difflib
import os
import signal
import stat
import sys
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, FrozenSet, Iterator, List, Optional, Sequence, Tuple

from .. import rule_docs
from . import config, output, server, terminal, watch
from .arguments import parser as arguments_parser
from .cache import Cache
from .edits import text_edits
from .file_errors import describe, place
from .notebook import NotebookFinding, check_notebook, fix_notebook
from ..pipeline import FileResult, check, fix
from .output import FileReport, Reported
from ..settings import ConfigurationError, Settings
from ..violation import Finding
from .writing import WRITING, NotWritten, replace_contents

SUBCOMMANDS: Dict[str, Callable[[List[str]], int]] = {"rule": rule_docs.main, "server": server.main}
_PARENT_CHECK_SECONDS = 0.25


@dataclass
class _Task:
    """What a worker needs to process files; plain data, so it can cross processes."""

    fix: bool
    diff: bool
    unsafe_fixes: bool
    settings: Settings
    with_edits: bool  # the output format prints each fix's edits
    cache: Optional[Cache] = None


def _process(path: str, codes: FrozenSet[str], task: _Task, stdin: Optional[bytes] = None) -> FileReport:
    """One file; `codes`: what is reported in it; `stdin`: standard input's code, named `path`."""
    source = stdin
    if source is None:
        try:
            if not stat.S_ISREG(os.stat(path).st_mode):
                return FileReport(path, error="not a regular file (a pipe, a device): not read")
            source = Path(path).read_bytes()
        except FileNotFoundError as error:
            if os.path.islink(path):  # as an editor's lock file: flake8 reports it and goes on
                return FileReport(path, warning=f"a symbolic link to a missing file ({os.readlink(path)}): skipped")
            return FileReport(path, error=f"cannot read: {error.strerror or error}")
        except OSError as error:
            return FileReport(path, error=f"cannot read: {error.strerror or error}")
    if b"\0" in source:
        return FileReport(path, error="binary file (it contains NUL bytes)")
    store = task.cache if stdin is None else None
    if store is not None:
        known = store.get(path, source, codes)
        if known is not None:
            return known
    report = _analysed(path, source, codes, task, stdin)
    if store is not None:
        store.put(source, codes, report)
    return report


def _analysed(path: str, source: bytes, codes: FrozenSet[str], task: _Task, stdin: Optional[bytes]) -> FileReport:
    notebook = path.endswith(".ipynb")
    try:
        if task.fix or task.diff:
            result = (fix_notebook if notebook else fix)(source, codes.__contains__, task.unsafe_fixes, task.settings)
        else:
            result = (check_notebook if notebook else check)(source, codes.__contains__, task.settings)
        edits = [None] * len(result.findings)
        if task.with_edits and not notebook:  # a notebook's edits would be in its JSON, not in its code
            edits = text_edits(result)
    except Exception as error:  # one bad file never stops the run
        return FileReport(path, error=describe(error, source), error_place=place(error, source))
    report = FileReport(path, changed=result.source != source)
    report.findings = [_reported(f, e) for f, e in zip(result.findings, edits)]
    report.fixed = [_reported(f) for f in result.fixed]
    # a notebook's cells that do not parse are left out; the others are still checked
    report.skipped_cells = [(cell, describe(error, source)) for cell, error in getattr(result, "skipped", ())]
    if task.diff:
        # only the diff on stdout, so it can be piped to `patch`; nothing was written, so
        # what it fixes is still there
        if report.changed:
            report.diff = _diff(path, source, result)
    elif task.fix and stdin is not None:
        report.fixed_source = result.source
    elif task.fix and report.changed:
        try:
            replace_contents(Path(path), source, result.source)
        except NotWritten as refusal:
            return FileReport(path, error=f"not fixed: {refusal}")
        except OSError as error:
            return FileReport(path, error=f"cannot write: {error.strerror or error}")
    return report


def _reported(finding: Finding, edits: Optional[Tuple] = None) -> Reported:
    safety = None if finding.fix is None else ("safe" if finding.fix.safe else "unsafe")
    cell = finding.cell if isinstance(finding, NotebookFinding) else None
    return Reported(finding.code, finding.message, finding.line, finding.column, safety, edits, cell)


def _process_all(
    jobs: List[Tuple[str, FrozenSet[str]]], task: _Task, workers: int, done: Callable[[], None] = lambda: None
) -> Iterator[FileReport]:
    """`done` is called as each file's report arrives, in any order (the progress line)."""
    if workers <= 1 or len(jobs) < 2:
        return (_counted(_process(path, codes, task), done) for path, codes in jobs)
    workers = min(workers, len(jobs))
    with ProcessPoolExecutor(max_workers=workers, initializer=_leave_interrupts_to_the_main_process) as pool:
        try:
            futures = [pool.submit(_process, path, codes, task) for path, codes in jobs]
            for future in futures:
                future.add_done_callback(lambda _: done())
            # in input order, so the output is the same as with one job
            return iter([_result(future, path, codes, task) for future, (path, codes) in zip(futures, jobs)])
        except KeyboardInterrupt:
            # else leaving the block would wait for every file already queued (a SIGTERM may come
            # while the files are being queued)
            pool.shutdown(cancel_futures=True)
            raise


def _counted(report: FileReport, done: Callable[[], None]) -> FileReport:
    done()
    return report


def _leave_interrupts_to_the_main_process() -> None:
    # Ctrl-C reaches the whole process group: a worker would print a traceback of its own where it
    # waits for work, or stop between writing a fixed file and renaming it; the main process
    # cancels what is queued, and each worker finishes the file it is on
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the pool's own way to stop a worker
    threading.Thread(target=_exit_with, args=(os.getppid(),), daemon=True).start()


def _exit_with(parent: int) -> None:
    """Ends this worker once its parent is gone (killed, even by SIGKILL): else it would wait for
    work forever, holding the output pipe open, and a reader of the output (`| cat`, a CI job)
    would never end. A fixed file being written is written whole first."""
    while os.getppid() == parent:
        time.sleep(_PARENT_CHECK_SECONDS)
    with WRITING:
        os._exit(1)


def _terminate(signum: int, frame: object) -> None:
    # SIGTERM ends the run as Ctrl-C does: what is queued is cancelled, the workers stop
    raise KeyboardInterrupt


def _result(future: Future, path: str, codes: FrozenSet[str], task: _Task) -> FileReport:
    try:
        return future.result()
    except BrokenProcessPool:
        # A worker died (a crash in a native parser takes its process with it), failing every
        # file not yet done: each is processed again in a process of its own, so only the
        # culprit fails.
        return _process_alone(path, codes, task)


def _process_alone(path: str, codes: FrozenSet[str], task: _Task) -> FileReport:
    with ProcessPoolExecutor(max_workers=1, initializer=_leave_interrupts_to_the_main_process) as pool:
        try:
            return pool.submit(_process, path, codes, task).result()
        except BrokenProcessPool:
            return FileReport(path, error="the parser crashed on this file")


def main(argv: Optional[Sequence[str]] = None) -> int:
    in_main_thread = threading.current_thread() is threading.main_thread()
    before = signal.signal(signal.SIGTERM, _terminate) if in_main_thread else None
    try:
        status = _main(argv)
        if not sys.stdout.closed:  # the language server closes it when it stops
            sys.stdout.flush()  # here, not at exit, where a reader that is gone would give a traceback
        return status
    except KeyboardInterrupt:
        # each file is written whole or not at all (writing.py)
        print("flake8-gpt2: interrupted; no file was left half-written", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return _reader_gone()
    finally:
        if in_main_thread:
            signal.signal(signal.SIGTERM, signal.SIG_DFL if before is None else before)


def _reader_gone() -> int:
    """The output was piped to a program that stopped reading (`rule --all | head`): as a shell
    tool, say nothing more. Standard output is pointed at /dev/null, as Python's documentation
    advises, so the flush at exit does not fail again."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 1


def _main(argv: Optional[Sequence[str]]) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    # a file named like a subcommand is linted as ./rule
    if arguments and arguments[0] in SUBCOMMANDS:
        return SUBCOMMANDS[arguments[0]](arguments[1:])
    options = arguments_parser().parse_args(arguments)
    try:
        configuration = config.load(options)
        selector = config.Selector(configuration)
    except ConfigurationError as error:
        print(f"flake8-gpt2: error: bad configuration: {error}", file=sys.stderr)
        return 2
    if selector.selects_none():
        print("flake8-gpt2: warning: select and ignore leave no GPT code to report; "
              "add GPT to extend-select, or pass --select GPT", file=sys.stderr)
    unwritable = _unwritable(options.output_file)
    if unwritable is not None:
        # before any file is fixed: a run that cannot report what it did must not do it
        print(f"flake8-gpt2: error: cannot write the report to {options.output_file}: {unwritable}", file=sys.stderr)
        return 2
    paths = configuration.files(options.paths, options.stdin_filename, options.force_exclude)
    if options.fix and config.STDIN in paths and len(paths) > 1:
        print("flake8-gpt2: error: --fix writes standard input's code to standard output: - must be the only path",
              file=sys.stderr)
        return 2
    with_edits = options.output_format in ("json", "sarif")
    task = _Task(options.fix, options.diff, options.unsafe_fixes, configuration.settings, with_edits)
    if not options.no_cache and any(path != config.STDIN for path in paths):
        mode = f"fix={task.fix} diff={task.diff} unsafe={task.unsafe_fixes} edits={with_edits}"
        task.cache = Cache.open(options.cache_dir, configuration.settings, mode)
    if options.watch:
        if config.STDIN in options.paths:
            print("flake8-gpt2: error: --watch watches files: - (standard input) cannot be watched", file=sys.stderr)
            return 2

        def files() -> List[str]:
            return configuration.files(options.paths, options.stdin_filename, options.force_exclude)

        return watch.loop(lambda listed: _finish(list(_run(listed, selector, task, options)), options), files)
    if options.fix and config.STDIN in options.paths and config.STDIN not in paths:
        sys.stdout.buffer.write(sys.stdin.buffer.read())  # excluded: the code passes through unchanged
    reports = list(_run(paths, selector, task, options))
    return _finish(reports, options)


def _run(paths: List[str], selector: config.Selector, task: _Task, options: argparse.Namespace) -> Iterator[FileReport]:
    stdin_name = options.stdin_filename or "stdin"
    jobs = [(path, selector.codes_for(stdin_name if path == config.STDIN else path)) for path in paths]
    files = [job for job in jobs if job[0] != config.STDIN]
    progress = terminal.Progress(len(files), sys.stderr)
    try:
        yield from _process_all(files, task, options.jobs, progress.advance)
    finally:
        progress.stop()
    for _, codes in (job for job in jobs if job[0] == config.STDIN):
        source = sys.stdin.buffer.read()
        report = _process(stdin_name, codes, task, source)
        if options.fix:
            # what a format-on-save reads back: the fixed code, or the code as it came
            sys.stdout.buffer.write(report.fixed_source if report.fixed_source is not None else source)
        yield report


def _finish(reports: List[FileReport], options: argparse.Namespace) -> int:
    for report in reports:
        if report.warning is not None:
            print(f"{report.path}: warning: {report.warning}", file=sys.stderr)
        if report.error is not None:
            print(f"{report.path}: error: {report.error}", file=sys.stderr)
        for cell, why in report.skipped_cells:
            print(f"{report.path}:cell {cell}: error: {why} (cell skipped)", file=sys.stderr)
    if options.diff:
        sys.stdout.flush()
        sys.stdout.buffer.write(b"".join(report.diff for report in reports))  # each in its file's encoding
    else:
        text = output.render(options.output_format, reports, options.show_fixes)
        if options.statistics:
            text += output.statistics(reports)
        readable = options.output_format in ("text", "concise") and not options.output_file
        if readable and terminal.wants_colour(sys.stdout):
            text = terminal.coloured(text)
        try:
            _write_report(text, options)
        except OSError as error:
            print(f"flake8-gpt2: error: cannot write the report to {options.output_file}: {error.strerror or error}",
                  file=sys.stderr)
            return 2
    mode = "fix" if options.fix else "diff" if options.diff else "check"
    if options.output_format in ("text", "concise") and (len(reports) > 1 or any(r.changed for r in reports)):
        print(output.summary(reports, mode, options.unsafe_fixes), file=sys.stderr)
    left = sum(len(r.findings) + (len(r.fixed) if options.diff else 0) for r in reports)
    if any(report.error is not None or report.skipped_cells for report in reports):
        return 2
    if options.exit_zero:
        return 0
    if left or (options.exit_non_zero_on_fix and any(r.changed for r in reports)):
        return 1
    return 0


def _unwritable(path: Optional[Path]) -> Optional[str]:
    """Why the report cannot be written to `path`, or None."""
    if path is None:
        return None
    if path.is_dir():
        return "it is a directory"
    folder = path.parent
    if not folder.is_dir():
        return f"no directory {folder}"
    if not os.access(path if path.exists() else folder, os.W_OK):
        return "permission denied"
    return None


def _write_report(text: str, options: argparse.Namespace) -> None:
    if options.output_file is not None:
        options.output_file.write_text(text, encoding="utf-8")
    elif options.fix and config.STDIN in options.paths:
        sys.stderr.write(text)  # standard output carries the fixed code
    else:
        sys.stdout.write(text)


def _diff(path: str, source: bytes, result: FileResult) -> bytes:
    """The unified diff in the file's own encoding (PEP 263), so that `patch` applies it."""
    module = getattr(result, "module", None)  # a notebook is JSON, in UTF-8
    encoding = module.encoding if module is not None else "utf-8"
    try:
        before = source.decode(encoding).splitlines(keepends=True)
        after = result.source.decode(encoding).splitlines(keepends=True)
    except (UnicodeDecodeError, LookupError):
        encoding = "latin-1"  # any bytes: the lines as they are
        before = source.decode(encoding).splitlines(keepends=True)
        after = result.source.decode(encoding).splitlines(keepends=True)
    lines = difflib.unified_diff(before, after, path, path)
    return "".join(lines).encode(encoding, "surrogateescape" if encoding.lower().startswith("utf") else "replace")


if __name__ == "__main__":
    sys.exit(main())
