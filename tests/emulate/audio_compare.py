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
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cue  # noqa: E402


def source_audio(sheet):
    """The source's audio stream: from the first audio track's INDEX 01 to the end of the last
    audio track's file, read through cue.py (the same parse the other goldens use)."""
    tracks = cue.parse(sheet)[0]
    audio = [t for t in tracks if t["mode"] == "AUDIO"]
    first, last = audio[0], audio[-1]["file"]
    end = last["lba"] + last["sectors"]
    return cue.read_span(tracks, first["lba"], end - first["lba"])


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
    stream = source_audio(sheet)
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
