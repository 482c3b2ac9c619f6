# The browser with stdout on a pseudo-terminal and stdin from /dev/null, for
# run_with_stdin_null in ../pty.rs.
import json, os, subprocess, sys, termios
master, slave = os.openpty()
before = termios.tcgetattr(slave)
child = subprocess.run([sys.argv[1], "--no-images"], stdin=subprocess.DEVNULL,
                       stdout=slave, stderr=slave, timeout=60)
after = termios.tcgetattr(slave)
os.close(slave)
out = bytearray()
try:
    while True:
        chunk = os.read(master, 65536)
        if not chunk:
            break
        out += chunk
except OSError:
    pass  # EIO: every slave descriptor is closed and everything was read
print(json.dumps({"status": child.returncode, "output": out.hex(),
                  "unchanged": after == before}))
