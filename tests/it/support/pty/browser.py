# The browser under a pseudo-terminal, for run_in_pty in ../pty.rs (the modes are described
# there, at PTY_SCRIPT).
import fcntl, json, os, select, signal, struct, subprocess, sys, termios, time

binary, mode = sys.argv[1], sys.argv[2]
master, slave = os.openpty()
fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
before = termios.tcgetattr(slave)

def controlling_terminal():
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)

argv = [binary, "--no-images"]
if mode == "hangup:wrapped":
    # A wrapper that ignores SIGHUP leads the session, so the kernel's SIGHUP never reaches
    # the binary (`exit` keeps the shell from exec-ing it in its place).
    argv = ["sh", "-c", "trap '' HUP; \"$0\" --no-images; exit $?", binary]
child = subprocess.Popen(
    argv,
    stdin=slave, stdout=slave, stderr=slave,
    start_new_session=True, preexec_fn=controlling_terminal,
)
out = bytearray()
typed = False
status = None
stop = None
phase = "start"

def settings():
    try:
        now = termios.tcgetattr(slave)
    except termios.error:
        # Hung up (mode `hangup`): the terminal is gone, nothing to compare.
        return {"canonical": False, "echo": False, "unchanged": False}
    return {
        "canonical": bool(now[3] & termios.ICANON),
        "echo": bool(now[3] & termios.ECHO),
        "unchanged": now == before,
    }

def drain():
    # The parent holds the slave open, so reads never see end-of-file: read what is there.
    global out
    while select.select([master], [], [], 0.05)[0]:
        out += os.read(master, 65536)

def frame_after(offset):
    entered = out.find(b"\x1b[?1049h", offset)
    return entered >= 0 and b"apidex" in out[entered:]

# A guard against hanging for ever, not a measurement: the binary needs well under a second.
limit = time.monotonic() + 60
while True:
    if time.monotonic() > limit:
        os.kill(child.pid, signal.SIGKILL)
        os.waitpid(child.pid, 0)
        print(json.dumps({"error": f"the binary did not exit within 60 s ({phase})",
                          "output": out.hex()}))
        sys.exit(3)
    if phase == "hung up":
        time.sleep(0.05)
        ready = []
    else:
        ready, _, _ = select.select([master], [], [], 0.1)
    if ready:
        out += os.read(master, 65536)
    # Reaped here, not by Popen: WUNTRACED also reports the child stopping.
    pid, wait = os.waitpid(child.pid, os.WNOHANG | os.WUNTRACED)
    stopped = pid != 0 and os.WIFSTOPPED(wait)
    if pid != 0 and not stopped:
        status = os.waitstatus_to_exitcode(wait)
        if phase != "hung up":
            drain()
        break
    # `hangup:wrapped` waits until the browser is idle (both panes filled from the snapshot):
    # nothing it draws afterwards can notice the hang-up for it.
    idle = mode != "hangup:wrapped" or out.count(b"bundled snapshot") >= 2
    if phase == "start" and frame_after(0) and idle:
        phase = "done"
        if mode == "quit":
            os.write(master, b"q")
            typed = True
        elif mode.startswith("signal:"):
            os.kill(child.pid, getattr(signal, "SIG" + mode.split(":")[1]))
        elif mode.startswith("hangup"):
            # What closing the terminal window does: the kernel hangs the terminal up.
            os.close(master)
            phase = "hung up"
        elif mode in ("suspend:key", "suspend:kill"):
            os.write(master, b"\x1a")
            phase = "suspending"
        elif mode == "suspend:signal":
            os.kill(child.pid, signal.SIGTSTP)
            phase = "suspending"
    elif phase == "suspending" and stopped:
        # Stopped: everything it wrote before stopping is in the pty already.
        drain()
        stop = dict(settings(), at=len(out))
        if mode == "suspend:kill":
            # What the shell's `kill %1` does to a stopped job.
            os.kill(child.pid, signal.SIGTERM)
            phase = "done"
        os.kill(child.pid, signal.SIGCONT)
        if phase != "done":
            phase = "resuming"
    elif phase == "resuming" and frame_after(stop["at"]):
        os.write(master, b"q")
        typed = True
        phase = "done"
print(json.dumps(dict(settings(), status=status, typed=typed, stop=stop, output=out.hex())))
