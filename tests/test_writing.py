"""How `flake8-gpt2 --fix` writes a file: atomically, through symlinks, keeping mode and owner, and
refusing (one line, exit 2, file untouched) what an editor would not overwrite."""
from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

import pytest

from flake8_gpt2.frontends import cli
from test_cli import BAD, FIXED_SAFE, run

AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.fixture
def bad_file(tmp_path: Path) -> Path:
    path = tmp_path / "script.py"
    path.write_bytes(BAD)
    return path


def only_the_files(folder: Path, *names: str) -> None:
    """Nothing else is left behind, such as a temporary file."""
    assert sorted(os.listdir(folder)) == sorted(names)


def test_a_symlink_is_written_through_and_stays_a_link(tmp_path, capsys):
    (tmp_path / "real").mkdir()
    (tmp_path / "links").mkdir()
    target = tmp_path / "real" / "script.py"
    target.write_bytes(BAD)
    link = tmp_path / "links" / "script.py"
    link.symlink_to(Path("..") / "real" / "script.py")
    assert run(capsys, "--fix", link)[0] == 1
    assert link.is_symlink() and os.readlink(link) == os.path.join("..", "real", "script.py")
    assert target.read_bytes() == FIXED_SAFE
    only_the_files(tmp_path / "real", "script.py")
    only_the_files(tmp_path / "links", "script.py")


def test_mode_is_kept(bad_file, capsys):
    os.chmod(bad_file, 0o640)
    run(capsys, "--fix", bad_file)
    assert bad_file.read_bytes() == FIXED_SAFE
    assert bad_file.stat().st_mode & 0o7777 == 0o640


@pytest.mark.skipif(not AS_ROOT, reason="only root can give a file to another user")
def test_owner_and_group_are_kept(bad_file, capsys):
    os.chown(bad_file, 12345, 23456)
    run(capsys, "--fix", bad_file)
    assert bad_file.read_bytes() == FIXED_SAFE
    assert (bad_file.stat().st_uid, bad_file.stat().st_gid) == (12345, 23456)


def test_an_owner_that_cannot_be_kept_is_refused(bad_file, capsys, monkeypatch):
    """What a user who may write a file of another user's (through its group) meets: the
    replacement would be theirs. The refusal does not depend on who runs the test."""
    if AS_ROOT:
        os.chown(bad_file, 12345, 23456)

    def not_permitted(*args):
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "chown", not_permitted)
    status, _, err = run(capsys, "--fix", bad_file)
    assert status == 2
    assert err == f"{bad_file}: error: not fixed: the file belongs to another user or group, which a " \
        "replacement written by this user cannot keep\n"
    assert bad_file.read_bytes() == BAD
    only_the_files(bad_file.parent, "script.py")


@pytest.mark.parametrize("mode", [0o444, 0o400, 0o555])
def test_a_read_only_file_is_refused(bad_file, capsys, mode):
    """Refused through its mode bits, which root (who may write anything) honours too, as vim does."""
    os.chmod(bad_file, mode)
    status, out, err = run(capsys, "--fix", bad_file)
    assert (status, out) == (2, "")
    assert err == f"{bad_file}: error: not fixed: the file is read-only\n"
    assert bad_file.read_bytes() == BAD
    assert bad_file.stat().st_mode & 0o7777 == mode
    only_the_files(bad_file.parent, "script.py")


@pytest.mark.skipif(AS_ROOT, reason="root may write a file whose mode forbids it to its user")
def test_a_file_this_user_may_not_write_is_refused(bad_file, capsys):
    os.chmod(bad_file, 0o466)  # others may write it, its owner may not
    status, _, err = run(capsys, "--fix", bad_file)
    assert (status, err) == (2, f"{bad_file}: error: not fixed: the file is read-only\n")
    assert bad_file.read_bytes() == BAD


def test_a_file_changed_between_reading_and_writing_is_not_overwritten(bad_file, capsys, monkeypatch):
    saved_meanwhile = BAD + b"# saved by an editor while the fixer ran\n"

    def fix_while_an_editor_saves(*args):
        result = fix(*args)
        bad_file.write_bytes(saved_meanwhile)
        return result

    fix = cli.fix
    monkeypatch.setattr(cli, "fix", fix_while_an_editor_saves)
    status, out, err = run(capsys, "--fix", bad_file)
    assert (status, out) == (2, "")
    assert err == f"{bad_file}: error: not fixed: the file changed on disk while it was being fixed; run " \
        "again to fix the new version\n"
    assert bad_file.read_bytes() == saved_meanwhile
    only_the_files(bad_file.parent, "script.py")


def test_a_directory_without_room_for_the_new_file_is_named(bad_file, capsys, monkeypatch):
    """A writable file in a read-only directory: the message says what is wrong with the
    directory, not "Permission denied" on a temporary name the user never chose."""

    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    status, _, err = run(capsys, "--fix", bad_file)
    assert status == 2
    assert err.startswith(
        f"{bad_file}: error: not fixed: cannot create a file in its directory {bad_file.parent} (Permission denied): "
    )
    assert err.count("\n") == 1 and ".tmp" not in err
    assert bad_file.read_bytes() == BAD


@pytest.mark.skipif(AS_ROOT, reason="root may create files in a directory whose mode forbids it")
def test_a_writable_file_in_a_read_only_directory_is_refused(bad_file, capsys):
    os.chmod(bad_file.parent, 0o555)
    try:
        status, _, err = run(capsys, "--fix", bad_file)
    finally:
        os.chmod(bad_file.parent, 0o755)
    assert status == 2
    assert err.startswith(f"{bad_file}: error: not fixed: cannot create a file in its directory ")
    assert bad_file.read_bytes() == BAD


def test_a_failed_write_removes_its_temporary_file(bad_file, capsys, monkeypatch):
    def disk_full(*args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    status, _, err = run(capsys, "--fix", bad_file)
    assert (status, err) == (2, f"{bad_file}: error: cannot write: No space left on device\n")
    assert bad_file.read_bytes() == BAD
    only_the_files(bad_file.parent, "script.py")
