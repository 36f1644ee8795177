"""Writing a fixed file back: all or nothing, to the file a symlink points at, with its mode and
owner, and never over a file that is read-only or that changed since it was read."""
from __future__ import annotations

import os
import stat
import tempfile
import threading
from pathlib import Path

# held while a file is replaced: a worker that must end waits for it, so no temporary file is left
WRITING = threading.Lock()


class NotWritten(Exception):
    """The fixer refuses to write this file; the message says why in one line. The file is untouched."""


def replace_contents(path: Path, read: bytes, fixed: bytes) -> None:
    """Replaces what `path` holds, `read`, with `fixed`: the new bytes go to a file beside it that
    is then renamed over it, so a run killed at any moment leaves the old file or the new one.
    Raises NotWritten for a file it refuses to write, OSError for one it could not."""
    with WRITING:
        _replace(path, read, fixed)


def _replace(path: Path, read: bytes, fixed: bytes) -> None:
    # a symlink stays a link: its target gets the fixed code
    target = Path(os.path.realpath(path))
    status = target.stat()
    if _is_read_only(target, status):
        raise NotWritten("the file is read-only")
    if status.st_nlink > 1:
        _replace_in_place(target, read, fixed)
        return
    temporary = _write_beside(target, fixed)
    try:
        _copy_owner_and_mode(status, temporary)
        _copy_extended_attributes(target, temporary)
        _check_unchanged(target, read)
        os.replace(temporary, target)
    except BaseException:
        os.unlink(temporary)
        raise


def _check_unchanged(target: Path, read: bytes) -> None:
    # as late as possible: an editor (or another run) may have saved the file meanwhile
    if target.read_bytes() != read:
        raise NotWritten("the file changed on disk while it was being fixed; run again to fix the new version")


def _replace_in_place(target: Path, read: bytes, fixed: bytes) -> None:
    """A file with other names (hard links): a rename would give this name a new file and leave the
    others the old code, so the fixed code is written over the same file, which keeps every name,
    its owner, mode and extended attributes. Not atomic: the old code is first kept in a file beside
    it, removed once the fixed code is on disk; if the write fails, the old code is written back."""
    backup = _write_beside(target, read)
    try:
        _check_unchanged(target, read)
    except BaseException:
        os.unlink(backup)
        raise
    try:
        _overwrite(target, fixed)
    except BaseException:
        try:
            _overwrite(target, read)
        except OSError:
            raise NotWritten(f"writing the fixed code failed, and so did restoring it; the old code is in {backup}")
        os.unlink(backup)
        raise
    os.unlink(backup)


def _overwrite(target: Path, data: bytes) -> None:
    with open(target, "r+b") as out:
        out.write(data)
        out.truncate()
        out.flush()
        os.fsync(out.fileno())


def _copy_extended_attributes(target: Path, temporary: str) -> None:
    """The file's extended attributes (ACLs, SELinux labels, user.* notes) onto its replacement."""
    if not hasattr(os, "listxattr"):
        return
    try:
        names = os.listxattr(target)
    except OSError:
        return  # a file system without extended attributes
    for name in names:
        try:
            os.setxattr(temporary, name, os.getxattr(target, name))
        except OSError as error:
            raise NotWritten(f"its extended attribute {name} cannot be kept ({error.strerror or error})") from error


def _is_read_only(target: Path, status: os.stat_result) -> bool:
    """As vim decides: nobody may write it, or we may not. The first holds for root too, who may
    write anything: a file without write bits was made read-only on purpose."""
    return status.st_mode & 0o222 == 0 or not os.access(target, os.W_OK)


def _write_beside(target: Path, data: bytes) -> str:
    """A new file in `target`'s directory (a rename is atomic only within one file system)
    holding `data`, flushed to disk."""
    try:
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as error:
        raise NotWritten(
            f"cannot create a file in its directory {target.parent} ({error.strerror or error}): the fixed "
            "code is written to a new file there, then renamed over the old one, so that a run stopped "
            "half-way never leaves half a file"
        ) from error
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        os.unlink(temporary)
        raise
    return temporary


def _copy_owner_and_mode(status: os.stat_result, temporary: str) -> None:
    new = os.stat(temporary)
    if (new.st_uid, new.st_gid) != (status.st_uid, status.st_gid):
        try:
            os.chown(temporary, status.st_uid, status.st_gid)
        except PermissionError as error:
            raise NotWritten(
                "the file belongs to another user or group, which a replacement written by this user "
                "cannot keep"
            ) from error
    # after chown, which clears the set-user-ID and set-group-ID bits
    os.chmod(temporary, stat.S_IMODE(status.st_mode))
