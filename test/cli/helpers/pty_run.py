"""Runs a command on a pseudo-terminal of a given width and prints what the terminal received.

    python3 pty_run.py <cols> <command> [args...]

cols 0 makes a terminal that reports 0 columns (what some CI consoles and `script` do). The exit
code is the command's. Standard library only.
"""
import fcntl
import os
import pty
import struct
import sys
import termios


def main():
    cols = int(sys.argv[1])
    argv = sys.argv[2:]
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(sys.stdout.fileno(), termios.TIOCSWINSZ, struct.pack("HHHH", 24 if cols else 0, cols, 0, 0))
        os.execv(argv[0], argv)
    chunks = []
    while True:
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    _, status = os.waitpid(pid, 0)
    sys.stdout.write(b"".join(chunks).decode("utf-8", "replace"))
    sys.stdout.flush()
    sys.exit(os.WEXITSTATUS(status) if os.WIFEXITED(status) else 128 + os.WTERMSIG(status))


if __name__ == "__main__":
    main()
