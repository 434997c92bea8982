#!/usr/bin/env python3
"""What other people's programs must report of the emulated drive, computed from the source image
(the redump-style CUE and its per-track BINs, and `discwright info --json` of that CUE). Used by
tests/emulate/*.sh through lib.sh.

  golden.py same-disc SRC.json GOT.json SESSION
      GOT (an image a program wrote, read back with `discwright info --json`) describes session
      SESSION of the source: tracks (types, flags, indices, pregaps, lengths, ISRC), MCN and
      CD-Text. cdrdao 1.2.4 writes no CD-Text for data tracks (Track::print prints it in the audio
      branch only), so the source's CD-Text of data tracks is left out. A later session is
      compared as a TOC file holds it: from LBA 0, its first track numbered 1.
  golden.py toc-listing SRC.json STYLE < LISTING
      a cdrecord-style `-toc` listing (STYLE wodim or cdrskin) names the source's tracks with their
      start LBAs and control nibbles, and the lead-out(s); modes as each program derives them.
  golden.py cdrdao-bin SRC.cue SRC.json SESSION OFFSET_BYTES OUT
      writes the data file `cdrdao read-cd --read-raw` must produce for SESSION on a drive whose
      read offset is OFFSET_BYTES (cdrdao 1.2.4 has no read offset setting): data tracks as their
      BINs, audio as the drive delivers it - started OFFSET_BYTES early (the silence before LBA 0,
      or the end of the preceding pregap), samples big-endian as cdrdao writes raw audio, and
      without the 150-sector pregap of an audio track that follows a data track (cdrdao writes
      that pregap as SILENCE instead of reading it).
  golden.py stub-files TOC BYTES
      creates the data files a cdrdao TOC names, BYTES long and sparse, so that the TOC can be
      loaded to compare its structure.
"""
import json
import os
import re
import sys

import cue  # tests/emulate/cue.py: the source CUE's tracks and files


def load(path):
    with open(path) as f:
        return json.load(f)


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def session_tracks(disc, session):
    return [t for t in disc["tracks"] if t["session"] == session]


def control(track):
    flags = track["flags"]
    return ((4 if track["type"] != "audio" else 0) | (2 if "dcp" in flags else 0) | (1 if "pre" in flags else 0)
            | (8 if "4ch" in flags else 0))


def same_disc(src_path, got_path, session):
    src, got = load(src_path), load(got_path)
    tracks = session_tracks(src, session)
    if not tracks:
        fail("the source has no session %d" % session)
    numbers = {t["number"] for t in tracks}
    data = {t["number"] for t in tracks if t["type"] != "audio"}
    leadout = next(s["leadout"] for s in src["session_list"] if s["number"] == session)

    def cdtext(d, keep):
        blocks = []
        for b in (d.get("cdtext") or {}).get("blocks", []):
            b = dict(b)
            b["tracks"] = {n: v for n, v in b.get("tracks", {}).items() if keep(int(n))}
            blocks.append(b)
        return blocks

    # A TOC file cannot say where a session starts or which number its first track has: it always
    # begins with track 1 at LBA 0. Later sessions are compared moved and renumbered that way.
    base = tracks[0]["pregap_start"] if tracks[0]["pregap_start"] is not None else tracks[0]["start"]
    renumber = tracks[0]["number"] - 1

    def moved(t):
        t = dict(t)
        for k in ("start", "end", "pregap_start"):
            if t[k] is not None:
                t[k] -= base
        t["indices"] = {i: lba - base for i, lba in t["indices"].items()}
        t["number"] -= renumber
        t["session"] = 1
        return t

    def renumbered(blocks):
        for b in blocks:
            b["tracks"] = {str(int(n) - renumber): v for n, v in b["tracks"].items()}
        return blocks

    want = {
        "catalog": src.get("catalog"),
        "cdtext": renumbered(cdtext(src, lambda n: n in numbers and n not in data)),
        "leadout": leadout - base,
        "tracks": [moved(t) for t in tracks],
    }
    have = {
        "catalog": got.get("catalog"),
        "cdtext": cdtext(got, lambda n: True),
        "leadout": got["leadout"],
        "tracks": got["tracks"],
    }
    if want != have:
        print("FAIL: the disc differs from session %d of the source" % session)
        print("want: " + json.dumps(want, sort_keys=True))
        print("have: " + json.dumps(have, sort_keys=True))
        sys.exit(1)


def toc_listing(src_path, style):
    src = load(src_path)
    text = sys.stdin.read()
    first = re.search(r"^first: (\d+) last (\d+)", text, re.M)
    if not first:
        fail("no 'first: N last M' line in:\n" + text)
    numbers = [t["number"] for t in src["tracks"]]
    if (int(first.group(1)), int(first.group(2))) != (numbers[0], numbers[-1]):
        fail("first/last %s/%s, source %d/%d" % (first.group(1), first.group(2), numbers[0], numbers[-1]))
    rows = re.findall(r"^track:\s*(\d+|lout) lba:\s+(\d+) .* control: (\d+) mode: (-?\d+)", text, re.M)
    tracks = [r for r in rows if r[0] != "lout"]
    leadouts = [int(r[1]) for r in rows if r[0] == "lout"]
    if len(tracks) != len(src["tracks"]):
        fail("%d tracks listed, the source has %d:\n%s" % (len(tracks), len(src["tracks"]), text))
    for (number, lba, ctl, mode), t in zip(tracks, src["tracks"]):
        if style == "wodim":  # READ HEADER of the track's first sector; audio has no header
            want_mode = -1 if t["type"] == "audio" else 1 if t["type"] == "mode1" else 2
        else:  # libburn derives the mode from the control nibble alone
            want_mode = 0 if t["type"] == "audio" else 1
        want = (t["number"], t["start"], control(t), want_mode)
        have = (int(number), int(lba), int(ctl), int(mode))
        if want != have:
            fail("track %s: listed (number, lba, control, mode) %s, source %s" % (number, have, want))
    # wodim lists the disc's lead-out; cdrskin lists every session's.
    session_leadouts = [s["leadout"] for s in src["session_list"]]
    want_leadouts = session_leadouts if style == "cdrskin" else [src["leadout"]]
    if leadouts != want_leadouts:
        fail("lead-outs %s, source %s" % (leadouts, want_leadouts))


def swap16(b):
    out = bytearray(b)
    out[0::2], out[1::2] = b[1::2], b[0::2]
    return bytes(out)


def cdrdao_bin(cue_path, src_path, session, offset, out_path):
    src = load(src_path)
    files = {t["number"]: t["file"]["path"] for t in cue.parse(cue_path)[0]}  # one BIN per track

    def bin_of(t):
        with open(files[t["number"]], "rb") as f:
            return f.read()

    out = bytearray()
    tracks = session_tracks(src, session)
    i = 0
    while i < len(tracks):
        t = tracks[i]
        if t["type"] != "audio":
            out += bin_of(t)
            i += 1
            continue
        run = []
        while i < len(tracks) and tracks[i]["type"] == "audio":
            run.append(tracks[i])
            i += 1
        audio = b"".join(bin_of(r) for r in run)
        after_data = run[0] is not tracks[0]
        skip = 150 * 2352 if after_data else 0
        out += swap16((bytes(offset) + audio)[skip:len(audio)])
    with open(out_path, "wb") as f:
        f.write(out)


def stub_files(toc_path, size):
    with open(toc_path) as f:
        names = set(re.findall(r'^\s*(?:DATA)?FILE\s+"([^"]+)"', f.read(), re.M))
    for n in names:
        path = os.path.join(os.path.dirname(toc_path), n)
        with open(path, "ab") as f:
            f.truncate(size)


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "same-disc":
        same_disc(args[0], args[1], int(args[2]))
    elif cmd == "toc-listing":
        toc_listing(args[0], args[1])
    elif cmd == "cdrdao-bin":
        cdrdao_bin(args[0], args[1], int(args[2]), int(args[3]), args[4])
    elif cmd == "stub-files":
        stub_files(args[0], int(args[1]))
    else:
        fail("golden.py: unknown command " + cmd)


if __name__ == "__main__":
    main()
