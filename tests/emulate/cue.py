#!/usr/bin/env python3
"""What a redump-style CUE sheet (one raw 2352-byte-sector BIN per track; later sessions after
REM LEAD-OUT / REM LEAD-IN / REM PREGAP lines) says about its disc: the golden values of the
emulate tests, taken from the source image and never from our own output.

  cue.py toc CUE           "N LBA audio|data" per track (LBA of INDEX 01), then "170 LBA leadout"
                           for the last session's lead-out, as cd-info lists them
  cue.py last-session CUE  the LBA of the last session's first track (0 with one session), what
                           CDROMMULTISESSION reports
  cue.py text CUE          "mcn VALUE", then "disc|N KEY VALUE" for each TITLE/PERFORMER/...
  cue.py audio CUE N OUT   the bytes a ripper reads for audio track N into OUT: from its INDEX 01
                           to the next track's INDEX 01 in the same session, or to the session's
                           lead-out; prints "LBA SECTORS ENDS_AT_LEADOUT(0|1)"
  cue.py data CUE N OUT    the 2048-byte user data of data track N (MODE1/2352 or MODE2/2352 form 1)
                           into OUT; prints "LBA SECTORS"
"""
import os
import re
import shlex
import sys

SECTOR = 2352


def msf(text):
    m, s, f = (int(x) for x in text.split(":"))
    return (m * 60 + s) * 75 + f


def parse(path):
    folder = os.path.dirname(path)
    tracks, sessions, text = [], [], {"disc": {}}
    mcn = ""
    pos, gap, session = 0, 0, 1
    current_file = None
    for raw in open(path, encoding="utf-8"):
        words = shlex.split(raw)
        if not words:
            continue
        key = words[0].upper()
        if key == "REM" and len(words) >= 3:
            what = words[1].upper()
            if what == "SESSION":
                session = int(words[2])
            elif what == "LEAD-OUT":
                sessions.append(pos)
                gap += msf(words[2])
            elif what in ("LEAD-IN", "PREGAP"):
                gap += msf(words[2])
        elif key == "CATALOG":
            mcn = words[1]
        elif key == "FILE":
            pos += gap
            gap = 0
            name = os.path.join(folder, words[1])
            current_file = {"path": name, "lba": pos, "sectors": os.path.getsize(name) // SECTOR}
            pos += current_file["sectors"]
        elif key == "TRACK":
            tracks.append({"number": int(words[1]), "mode": words[2].upper(), "file": current_file,
                           "session": session, "lba": None})
        elif key == "INDEX" and int(words[1]) == 1:
            tracks[-1]["lba"] = current_file["lba"] + msf(words[2])
        elif key in ("TITLE", "PERFORMER", "SONGWRITER", "COMPOSER", "ARRANGER", "MESSAGE"):
            where = str(tracks[-1]["number"]) if tracks else "disc"
            text.setdefault(where, {})[key] = words[1]
    sessions.append(pos)
    return tracks, sessions, text, mcn


def read_span(tracks, lba, count):
    """The raw sectors [lba, lba + count) from the track files."""
    out = bytearray()
    files = []
    for t in tracks:
        if t["file"] not in files:
            files.append(t["file"])
    for f in files:
        start, end = max(lba, f["lba"]), min(lba + count, f["lba"] + f["sectors"])
        if start < end:
            with open(f["path"], "rb") as fh:
                fh.seek((start - f["lba"]) * SECTOR)
                out += fh.read((end - start) * SECTOR)
    if len(out) != count * SECTOR:
        sys.exit(f"cue.py: sectors {lba}+{count} are not all in the track files")
    return bytes(out)


def main():
    cmd, path = sys.argv[1], sys.argv[2]
    tracks, sessions, text, mcn = parse(path)
    if cmd == "toc":
        for t in tracks:
            print(t["number"], t["lba"], "audio" if t["mode"] == "AUDIO" else "data")
        print(170, sessions[-1], "leadout")
    elif cmd == "last-session":
        last = [t for t in tracks if t["session"] == tracks[-1]["session"]]
        print(last[0]["lba"] if tracks[-1]["session"] > 1 else 0)
    elif cmd == "text":
        print("mcn", mcn)
        for where, fields in text.items():
            for k, v in fields.items():
                print(where, k, v)
    elif cmd in ("audio", "data"):
        n = int(sys.argv[3])
        i = next(i for i, t in enumerate(tracks) if t["number"] == n)
        t = tracks[i]
        leadout = sessions[t["session"] - 1]
        if cmd == "audio":
            nxt = tracks[i + 1] if i + 1 < len(tracks) else None
            end = nxt["lba"] if nxt and nxt["session"] == t["session"] else leadout
            open(sys.argv[4], "wb").write(read_span(tracks, t["lba"], end - t["lba"]))
            print(t["lba"], end - t["lba"], int(end == leadout))
        else:
            f = t["file"]
            count = f["lba"] + f["sectors"] - t["lba"]
            raw = read_span(tracks, t["lba"], count)
            skip = 16 if t["mode"].startswith("MODE1") else 24
            data = b"".join(raw[k + skip:k + skip + 2048] for k in range(0, len(raw), SECTOR))
            open(sys.argv[4], "wb").write(data)
            print(t["lba"], count)
    else:
        sys.exit(f"cue.py: unknown command {cmd}")


if __name__ == "__main__":
    main()
