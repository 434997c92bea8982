#!/usr/bin/env python3
"""An independent transcription of reference/ripping.md, "AccurateRip and CTDB", for tests.

It shares nothing with src/checksum: it is the plain formula, sample by sample, written from the
reference text. tests/checksum/audio_verify_test.cpp's golden values came from `golden` below;
tests/integration/rip_accuraterip.sh uses `tracks` on ripped track files.

  accuraterip_ref.py golden                 prints the unit test's expected values
  accuraterip_ref.py tracks CUE             prints per audio track: number v1 v2 frame450 (hex), then
                                            "ids id1 id2 cddb tracks" and "ctdb crc"
  accuraterip_ref.py ctdb CUE               prints "toc STRING" and "crc HEX" by CUETools' definitions
                                            (tests/integration/rip_ctdb.sh)
  accuraterip_ref.py shifted CUE S          like `tracks`, with every track's v1 v2 frame450 computed
                                            over the disc's audio moved by S samples (`shifted`)
"""
import array
import re
import sys
import zlib

SKIP_FIRST = 5 * 588 - 1  # samples 1..2939 of the first audio track are not counted
SKIP_LAST = 5 * 588       # nor the last 2940 of the last one


def samples(pcm):
    a = array.array("I")
    a.frombytes(pcm)
    if sys.byteorder != "little":
        a.byteswap()
    return a


def ar(pcm, first, last):
    """(v1, v2) of one track's PCM."""
    s = samples(pcm)
    n = len(s)
    lo = n - SKIP_LAST if last else n
    v1 = v2 = 0
    for i in range(1, n + 1):
        if first and i <= SKIP_FIRST:
            continue
        if i > lo:
            break
        p = s[i - 1] * i
        v1 += p & 0xFFFFFFFF
        v2 += (p & 0xFFFFFFFF) + (p >> 32)
    return v1 & 0xFFFFFFFF, v2 & 0xFFFFFFFF


def frame450(pcm):
    """AccurateRip v1 of the track's sector 450 (0-based) alone, samples numbered 1..588."""
    if len(pcm) < 451 * 2352:
        return None
    return ar(pcm[450 * 2352:451 * 2352], False, False)[0]


def ctdb(pcm):
    n = len(pcm) // 4
    return zlib.crc32(pcm[5880 * 4:(n - 5880 - n % 5880) * 4]) & 0xFFFFFFFF


def ctdb_tracks(pcm, starts):
    """CUETools' TrackCRC (CTDBCRC(iTrack, 0, ...)): track i runs from its start (in samples,
    from the first audio track's index 01) to the next track's start, the first from 5880 samples
    in, the last to the disc's end less 5880 + N mod 5880."""
    n = len(pcm) // 4
    bounds = list(starts) + [n - 5880 - n % 5880]
    out = []
    for i in range(len(starts)):
        a = bounds[i] + (5880 if i == 0 else 0)
        out.append(zlib.crc32(pcm[a * 4:bounds[i + 1] * 4]) & 0xFFFFFFFF)
    return out


def shifted(tracks_pcm, s):
    """The audio tracks' PCM (a list, one bytes per track) moved by s samples: the disc's audio is
    the tracks one after another, x[0..T); track k at shift s holds x[a + s .. b + s) where x is
    zero outside [0, T) (CUETools' AccurateRipVerify.CRC(track, offset): nothing outside the disc's
    audio counts). Returns the tracks' PCM at that shift, to be checksummed as usual."""
    pcm = b"".join(tracks_pcm)
    n = len(pcm) // 4
    k = min(abs(s), n)
    zeros = bytes(4 * k)
    moved = pcm[4 * k:] + zeros if s >= 0 else zeros + pcm[:4 * (n - k)]
    out, at = [], 0
    for t in tracks_pcm:
        out.append(moved[at:at + len(t)])
        at += len(t)
    return out


def test_pcm(nbytes):
    # tests/checksum/pcm.hpp: byte i = (i * 7 + (i >> 8) * 13) & 0xFF
    return bytes(((i * 7 + (i >> 8) * 13) & 0xFF) for i in range(nbytes))


def golden():
    # The two discs of audio_verify_test.cpp, as (start, end) LBA ranges of their audio tracks
    # (index 1 to the next audio track's index 1 or the session's audio end); the PCM is
    # test_pcm over the whole disc from LBA 0.
    discs = {
        "mixed": [(250, 830), (830, 1300)],
        "enhanced": [(0, 520), (520, 1000)],
    }
    for name, ranges in discs.items():
        pcm = test_pcm(ranges[-1][1] * 2352)
        allaudio = b""
        for k, (a, b) in enumerate(ranges):
            t = pcm[a * 2352:b * 2352]
            allaudio += t
            v1, v2 = ar(t, k == 0, k == len(ranges) - 1)
            f = frame450(t)
            print(f"{name} track {k + 1}: v1 {v1:08x} v2 {v2:08x} frame450 {'-' if f is None else f'{f:08x}'}")
        print(f"{name} ctdb {ctdb(allaudio):08x}")
        starts = [(a - ranges[0][0]) * 588 for a, _ in ranges]
        print(f"{name} ctdb tracks {' '.join(f'{c:08x}' for c in ctdb_tracks(allaudio, starts))}")
        if name == "mixed":  # tests/checksum/accuraterip_shift_test.cpp
            parts = [pcm[a * 2352:b * 2352] for a, b in ranges]
            for sh in (-2940, -588, -1, 1, 300, 2940):
                sums = [ar(t, k == 0, k == len(parts) - 1) for k, t in enumerate(shifted(parts, sh))]
                print(f"{name} shift {sh:+} " + " ".join(f"{v1:08x} {v2:08x}" for v1, v2 in sums))


def msf(t):
    m, s, f = (int(x) for x in t.split(":"))
    return (m * 60 + s) * 75 + f


def layout(cue):
    """Reads a redump cue (one BIN per track, sessions marked with REM SESSION / REM LEAD-OUT):
    the tracks (dicts: number, audio, file, idx (index -> sectors into the file), session, first
    (the file's first LBA), size, start (index 01 LBA)) and the disc's lead-out LBA."""
    import os
    folder = os.path.dirname(cue)
    tr = []
    session = 1
    pending = 0  # sectors between the previous session's last file and the next track's file
    for line in open(cue, encoding="latin-1"):
        w = line.split()
        if not w:
            continue
        if w[0] == "REM" and len(w) >= 3 and w[1] == "SESSION":
            session = int(w[2])
        elif w[0] == "REM" and len(w) >= 3 and w[1] in ("LEAD-OUT", "LEAD-IN", "PREGAP"):
            pending += msf(w[2])
        elif w[0] == "FILE":
            f = re.match(r'FILE "(.*)" BINARY', line.strip()).group(1)
        elif w[0] == "TRACK":
            tr.append({"number": int(w[1]), "audio": w[2] == "AUDIO", "file": os.path.join(folder, f), "idx": {},
                       "session": session, "gap": pending})
            pending = 0
        elif w[0] == "INDEX":
            tr[-1]["idx"][int(w[1])] = msf(w[2])
    # Absolute LBAs: files follow each other inside a session; before a later session's first file
    # lie the previous lead-out, the lead-in and the pregap (REM LEAD-OUT, LEAD-IN, PREGAP).
    lba = 0
    for t in tr:
        lba += t["gap"]
        t["first"] = lba
        t["size"] = os.path.getsize(t["file"]) // 2352
        t["start"] = lba + t["idx"][1]
        lba += t["size"]
    return tr, lba


def tracks(cue, shift=0):
    tr, leadout = layout(cue)
    audio = [t for t in tr if t["audio"]]
    parts = []
    for t in audio:
        data = open(t["file"], "rb").read()[t["idx"][1] * 2352:]
        nxt = next((x for x in tr if x["number"] == t["number"] + 1), None)
        if nxt and nxt["audio"] and nxt["session"] == t["session"]:
            data += open(nxt["file"], "rb").read()[:nxt["idx"][1] * 2352]
        parts.append(data)
    if shift:
        parts = shifted(parts, shift)
    pcm_all = b"".join(parts)
    out = []
    for k, (t, data) in enumerate(zip(audio, parts)):
        v1, v2 = ar(data, k == 0, k == len(audio) - 1)
        f = frame450(data)
        out.append(f"{t['number']} {v1:08x} {v2:08x} {'-' if f is None else f'{f:08x}'}")
    id1 = sum(t["start"] for t in audio) + leadout
    id2 = sum(max(t["start"], 1) * (k + 1) for k, t in enumerate(audio)) + leadout * (len(audio) + 1)
    digits = sum(sum(int(c) for c in str((t["start"] + 150) // 75)) for t in tr)
    secs = (leadout + 150) // 75 - (tr[0]["start"] + 150) // 75
    cddb = ((digits % 255) << 24) | (secs << 8) | len(tr)
    out.append(f"ids {id1 & 0xFFFFFFFF:08x} {id2 & 0xFFFFFFFF:08x} {cddb:08x} {len(audio)}")
    out.append(f"ctdb {ctdb(pcm_all):08x}")
    print("\n".join(out))


def ctdbref(cue):
    """CUETools' definitions (CDImageLayout.ToString, AccurateRipVerify.CTDBCRC), from the sheet:
    the TOC string (index 01 LBAs, '-' before data tracks, then the lead-out), the CRC-32 of the
    audio from the first audio track's index 01 to the end of the last audio track (a data track
    after it starts 11400 sectors after that end), less 5880 samples at the start and
    5880 + N mod 5880 at the end, and the track CRCs (ctdb_tracks)."""
    tr, leadout = layout(cue)
    toc = ":".join(("" if t["audio"] else "-") + str(t["start"]) for t in tr) + ":" + str(leadout)
    k = next(i for i, t in enumerate(tr) if t["audio"])
    first = tr[k]["start"]
    while k + 1 < len(tr) and tr[k + 1]["audio"]:
        k += 1
    end = tr[k + 1]["start"] - 11400 if k + 1 < len(tr) else leadout
    pcm = b""
    for t in tr:  # the sectors first..end, from whichever files hold them
        a, b = max(first, t["first"]), min(end, t["first"] + t["size"])
        if a < b:
            pcm += open(t["file"], "rb").read()[(a - t["first"]) * 2352:(b - t["first"]) * 2352]
    assert len(pcm) == (end - first) * 2352, "the audio range is not covered by the files"
    n = len(pcm) // 4
    crc = zlib.crc32(pcm[5880 * 4:(n - 5880 - n % 5880) * 4]) & 0xFFFFFFFF
    audio_starts = [(t["start"] - first) * 588 for t in tr if t["audio"]]
    print(f"toc {toc}")
    print(f"crc {crc:08x}")
    print(f"trackcrcs {' '.join(f'{c:08x}' for c in ctdb_tracks(pcm, audio_starts))}")


if __name__ == "__main__":
    if sys.argv[1:] == ["golden"]:
        golden()
    elif len(sys.argv) == 3 and sys.argv[1] == "tracks":
        tracks(sys.argv[2])
    elif len(sys.argv) == 4 and sys.argv[1] == "shifted":
        tracks(sys.argv[2], int(sys.argv[3]))
    elif len(sys.argv) == 3 and sys.argv[1] == "ctdb":
        ctdbref(sys.argv[2])
    else:
        sys.exit(__doc__)
