#!/usr/bin/env python3
"""Delays, jitters and drops the packets an iptables NFQUEUE rule hands it: netem's job, for kernels
without netem (FaultTests). Run inside the namespace whose rule queues the packets:

    ip netns exec NS python3 scripts/impair-link.py --queue 7 --loss 20 --delay 50 --jitter 20

Each packet is dropped with probability loss/100, or released after delay ± jitter ms (uniform, so
packets may overtake one another, as with netem's jitter). The packets stay in the kernel meanwhile:
the verdict, not a copy, is what waits. Prints "ready" once the queue is bound; on SIGTERM or SIGINT
releases what it holds, prints its counts and exits 0. Uses libnetfilter_queue (Debian's
libnetfilter-queue1) through ctypes.
"""
import argparse
import ctypes
import heapq
import os
import random
import select
import signal
import socket
import struct
import sys
import time

NF_DROP, NF_ACCEPT = 0, 1
NFQNL_COPY_META = 1

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--queue", type=int, required=True, help="the NFQUEUE number the iptables rule names")
parser.add_argument("--loss", type=float, default=0, help="percent of packets dropped")
parser.add_argument("--delay", type=float, default=0, help="mean delay in ms")
parser.add_argument("--jitter", type=float, default=0, help="the delay varies by up to this many ms either way")
parser.add_argument("--seed", type=int, default=None, help="seed of the random choices")
args = parser.parse_args()
rng = random.Random(args.seed)

try:
    lib = ctypes.CDLL("libnetfilter_queue.so.1", use_errno=True)
except OSError as error:
    sys.exit(f"impair-link: libnetfilter_queue is missing (Debian package libnetfilter-queue1): {error}")
pointer = ctypes.c_void_p
lib.nfq_open.restype = pointer
lib.nfq_bind_pf.argtypes = [pointer, ctypes.c_uint16]
lib.nfq_unbind_pf.argtypes = [pointer, ctypes.c_uint16]
CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int, pointer, pointer, pointer, pointer)
lib.nfq_create_queue.restype = pointer
lib.nfq_create_queue.argtypes = [pointer, ctypes.c_uint16, CALLBACK, pointer]
lib.nfq_set_mode.argtypes = [pointer, ctypes.c_uint8, ctypes.c_uint32]
lib.nfq_set_queue_maxlen.argtypes = [pointer, ctypes.c_uint32]
lib.nfq_fd.argtypes = [pointer]
lib.nfq_handle_packet.argtypes = [pointer, ctypes.c_char_p, ctypes.c_int]
lib.nfq_get_msg_packet_hdr.restype = pointer
lib.nfq_get_msg_packet_hdr.argtypes = [pointer]
lib.nfq_set_verdict.argtypes = [pointer, ctypes.c_uint32, ctypes.c_uint32, ctypes.c_uint32, pointer]
lib.nfq_destroy_queue.argtypes = [pointer]
lib.nfq_close.argtypes = [pointer]

held = []  # (due, sequence, packet id)
counts = {"queued": 0, "dropped": 0, "released": 0}


def on_packet(queue, _message, data, _context):
    header = lib.nfq_get_msg_packet_hdr(data)
    if not header:
        return 0
    packet_id = struct.unpack("!I", ctypes.string_at(header, 4))[0]
    counts["queued"] += 1
    if rng.random() * 100 < args.loss:
        counts["dropped"] += 1
        lib.nfq_set_verdict(queue, packet_id, NF_DROP, 0, None)
        return 0
    delay = max(0.0, args.delay + rng.uniform(-args.jitter, args.jitter)) / 1000
    heapq.heappush(held, (time.monotonic() + delay, counts["queued"], packet_id))
    return 0


callback = CALLBACK(on_packet)
handle = lib.nfq_open()
if not handle:
    sys.exit(f"impair-link: nfq_open failed (errno {ctypes.get_errno()}): run as root, in the namespace of the rule")
lib.nfq_unbind_pf(handle, socket.AF_INET)
if lib.nfq_bind_pf(handle, socket.AF_INET) < 0:
    sys.exit("impair-link: nfq_bind_pf failed")
queue = lib.nfq_create_queue(handle, args.queue, callback, None)
if not queue:
    sys.exit(f"impair-link: queue {args.queue} is taken or cannot be created")
if lib.nfq_set_mode(queue, NFQNL_COPY_META, 0) < 0:
    sys.exit("impair-link: nfq_set_mode failed")
lib.nfq_set_queue_maxlen(queue, 8192)
fd = lib.nfq_fd(handle)

stopping = False


def stop(_signal, _frame):
    global stopping
    stopping = True


signal.signal(signal.SIGTERM, stop)
signal.signal(signal.SIGINT, stop)
# A parent that spawns us from a thread with these signals blocked passes the mask on.
signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
print("ready", flush=True)

while not stopping:
    now = time.monotonic()
    while held and held[0][0] <= now:
        _, _, packet_id = heapq.heappop(held)
        lib.nfq_set_verdict(queue, packet_id, NF_ACCEPT, 0, None)
        counts["released"] += 1
    timeout = max(0.0, held[0][0] - now) if held else 0.5
    try:
        readable, _, _ = select.select([fd], [], [], timeout)
    except InterruptedError:
        continue
    if readable:
        try:
            data = os.read(fd, 65536)
        except OSError:
            continue  # ENOBUFS: the kernel dropped queue messages; the packets they named are dropped too
        lib.nfq_handle_packet(handle, data, len(data))

for _, _, packet_id in held:
    lib.nfq_set_verdict(queue, packet_id, NF_ACCEPT, 0, None)
    counts["released"] += 1
lib.nfq_destroy_queue(queue)
lib.nfq_close(handle)
print(f"impair-link: {counts['queued']} packets, {counts['dropped']} dropped, {counts['released']} released", flush=True)
