#!/usr/bin/env python3
"""Compares a ripper's audio with the source image (tests/emulate/whipper.sh, tests/bench/field.sh).

    audio_compare.py [--tail-bytes N] CUE MODE FILES...

CUE is the source's redump-style sheet, its track BINs beside it. The source's audio
stream runs from the first audio track's INDEX 01 to the end of the last track. MODE says what
the ripper wrote:
  tracks       files named as the source's: each is compared with the same-named source file
  wav          one WAV per audio track in order (44-byte header), concatenated
  flac         one FLAC per audio track in order, decoded with flac(1), concatenated
  disc-be-shift-N  one BIN of the whole disc as cdrdao read-cd writes it (big-endian samples, no
               offset correction): its audio region compared with the source shifted N samples
--tail-bytes N leaves the stream's last N bytes out of the comparison (the samples a ripper
zero-fills when it corrects a positive read offset on a drive that cannot read the lead-out).
Prints "yes", or what differs.
"""
import os
import re
import subprocess
import sys


def source_audio(sheet):
    src = os.path.dirname(sheet)
    cue = open(sheet, encoding="utf-8").read()
    files = []  # (file name, [(track number, mode, index1 frames or None, index0 frames or None)])
    for line in cue.splitlines():
        line = line.strip()
        m = re.match(r'FILE "(.*)" BINARY', line)
        if m:
            files.append([m.group(1), []])
            continue
        m = re.match(r"TRACK (\d+) (\S+)", line)
        if m:
            files[-1][1].append({"n": int(m.group(1)), "mode": m.group(2), "i1": None})
            continue
        m = re.match(r"INDEX 01 (\d+):(\d+):(\d+)", line)
        if m:
            mm, ss, ff = map(int, m.groups())
            files[-1][1][-1]["i1"] = (mm * 60 + ss) * 75 + ff
    stream = bytearray()
    first = None
    for name, tracks in files:
        t = tracks[0]
        if t["mode"] != "AUDIO":
            continue
        data = open(os.path.join(src, name), "rb").read()
        if first is None:
            first = t["n"]
            data = data[t["i1"] * 2352:]
        stream += data
    return bytes(stream), first


def describe(a, b):
    if a == b:
        return "yes"
    n = min(len(a), len(b))
    diff = next((i for i in range(n) if a[i] != b[i]), n)
    bad = sum(1 for i in range(0, n, 4) if a[i:i + 4] != b[i:i + 4])
    return f"no: {bad} samples differ, the first at byte {diff}; lengths {len(a)} and {len(b)}"


def main():
    args = sys.argv[1:]
    tail = 0
    if args[:1] == ["--tail-bytes"]:
        tail, args = int(args[1]), args[2:]
    sheet, mode, files = args[0], args[1], args[2:]
    src = os.path.dirname(sheet)
    if not files or not all(os.path.exists(f) for f in files):
        print("no output")
        return
    if mode == "tracks":
        bad = [os.path.basename(f) for f in files
               if os.path.exists(os.path.join(src, os.path.basename(f)))
               and open(f, "rb").read() != open(os.path.join(src, os.path.basename(f)), "rb").read()]
        print("yes" if not bad else "no: " + ", ".join(bad))
        return
    stream, _ = source_audio(sheet)
    if mode == "wav":
        got = b"".join(open(f, "rb").read()[44:] for f in files)
    elif mode == "flac":
        got = b"".join(subprocess.run(["flac", "-s", "-d", "-c", "--force-raw-format", "--endian=little",
                                       "--sign=signed", f], check=True, capture_output=True).stdout for f in files)
    elif mode.startswith("disc-be-shift-"):
        # cdrdao read-cd: the whole disc as the drive returned it, audio samples big-endian, and
        # not corrected for the read offset: the BIN's byte i is the source's byte i - shift. The
        # audio region is the BIN's last len(stream) bytes; the first `shift` bytes of it come
        # from before the source's stream and are left out.
        shift = int(mode[len("disc-be-shift-"):]) * 4
        disc = open(files[0], "rb").read()
        region = bytearray(disc[len(disc) - len(stream):])
        region[0::2], region[1::2] = region[1::2], region[0::2]
        got, stream = bytes(region[shift:]), stream[:len(stream) - shift]
    else:
        print("unknown mode " + mode)
        return
    if tail and len(stream) == len(got):
        stream, got = stream[:len(stream) - tail], got[:len(got) - tail]
    print(describe(stream, got))


if __name__ == "__main__":
    main()
