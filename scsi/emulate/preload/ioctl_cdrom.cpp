// The legacy CD-ROM ioctls (CDROMREADTOCHDR, CDROM_GET_CAPABILITY, ...), translated into MMC
// commands to the drive the way the kernel's cdrom layer (drivers/cdrom/cdrom.c) and the SCSI CD
// driver (drivers/scsi/sr.c, sr_ioctl.c, sr_vendor.c) do: the same CDBs, the same allocation
// lengths, the same fields picked out of the answers, the same errno for each sense.
// What the kernel does once per drive or per open (the capability mask from mode page 2A at
// probe, the multisession offset at open) is done here when an ioctl first needs it.
#include <linux/cdrom.h>

#include <cerrno>
#include <cstdint>
#include <cstring>

#include "scsi/emulate/preload/shim.hpp"

namespace dw::emulate::shim {

namespace {

constexpr uint32_t kTimeoutMs = 30000;  // sr's IOCTL_TIMEOUT

// sr's cdrom_device_ops capability: what the driver can do before the drive's page 2A masks it.
constexpr int kSrCapabilities = CDC_CLOSE_TRAY | CDC_OPEN_TRAY | CDC_LOCK | CDC_SELECT_SPEED | CDC_SELECT_DISC |
                                CDC_MULTI_SESSION | CDC_MCN | CDC_MEDIA_CHANGED | CDC_PLAY_AUDIO | CDC_RESET |
                                CDC_DRIVE_STATUS | CDC_CD_R | CDC_CD_RW | CDC_DVD | CDC_DVD_R | CDC_DVD_RAM |
                                CDC_GENERIC_PACKET | CDC_MRW | CDC_MRW_W | CDC_RAM;

// Per process, as the kernel keeps them per drive.
int g_mask = -1;              // cdi->mask, -1 until page 2A was read
bool g_keeplocked = false;    // cdi->keeplocked (CDROM_LOCKDOOR)
bool g_changed = false;       // sdev->changed: a unit attention was seen
bool g_media_present = true;  // cd->media_present
bool g_cdda_single = false;   // cdi->cdda_method dropped to one frame per command

int fail(int error) {
  errno = error;
  return -1;
}
int finish(int rc) { return rc < 0 ? fail(-rc) : rc; }

size_t cdb_size(uint8_t op) {
  switch (op >> 5) {
    case 0: return 6;
    case 1:
    case 2: return 10;
    default: return 12;
  }
}

// One command and what came back: good, or the sense key and additional sense code.
struct Answer {
  bool reached = false, good = false, sense = false;
  uint8_t key = 0, asc = 0, ascq = 0;
};

Answer execute(const uint8_t* cdb, Dir dir, void* buf, uint32_t len) {
  if (buf != nullptr && dir == Dir::FromDevice) std::memset(buf, 0, len);
  const Outcome o = command(cdb, cdb_size(cdb[0]), len == 0 ? Dir::None : dir, buf, len, kTimeoutMs);
  Answer a;
  a.reached = o.reached && o.reply.host_status != kHostRefused;
  if (!a.reached) return a;
  a.good = o.reply.status == 0 && o.reply.host_status == 0;
  if (!a.good && o.reply.sense_len >= 14) {
    a.sense = true;
    a.key = o.reply.sense[2] & 0x0F;
    a.asc = o.reply.sense[12];
    a.ascq = o.reply.sense[13];
  }
  if (a.sense && a.key == 0x06) g_changed = true;
  return a;
}

// sr_do_ioctl: retries a unit attention (and a drive becoming ready) up to ten times, then maps
// the sense to an errno. 0 or a negative errno.
int sr_do(const uint8_t* cdb, Dir dir = Dir::None, void* buf = nullptr, uint32_t len = 0) {
  for (int attention = 0, becoming = 0;;) {
    const Answer a = execute(cdb, dir, buf, len);
    if (!a.reached) return -EIO;
    if (a.good) return 0;
    if (!a.sense) return -EIO;
    switch (a.key) {
      case 0x06:
        if (attention++ < 10) continue;
        return -ENOMEDIUM;
      case 0x02:
        // The kernel sleeps 2 s between these retries; the virtual drive's time is its own.
        if (a.asc == 0x04 && a.ascq == 0x01 && becoming++ < 10) continue;
        return -ENOMEDIUM;
      case 0x05: return a.asc == 0x20 && a.ascq == 0x00 ? -EDRIVE_CANT_DO_THIS : -EIO;
      default: return -EIO;
    }
  }
}

uint32_t be32(const uint8_t* p) { return uint32_t{p[0]} << 24 | uint32_t{p[1]} << 16 | uint32_t{p[2]} << 8 | p[3]; }

void put_lba(uint8_t* cdb, int lba) {
  cdb[2] = static_cast<uint8_t>(lba >> 24);
  cdb[3] = static_cast<uint8_t>(lba >> 16);
  cdb[4] = static_cast<uint8_t>(lba >> 8);
  cdb[5] = static_cast<uint8_t>(lba);
}

// get_capabilities() at probe: MODE SENSE(10) page 2A, and what it says the drive cannot do.
int mask() {
  if (g_mask >= 0) return g_mask;
  uint8_t page[128];
  const uint8_t cdb[10] = {0x5A, 0, 0x2A, 0, 0, 0, 0, 0, sizeof page, 0};
  Answer a;
  for (int tries = 0; tries < 3; ++tries) {  // scsi_mode_sense retries a unit attention
    a = execute(cdb, Dir::FromDevice, page, sizeof page);
    if (!(a.sense && a.key == 0x06)) break;
  }
  const unsigned length = (unsigned{page[0]} << 8 | page[1]) + 2;
  const unsigned n = 8 + (unsigned{page[6]} << 8 | page[7]);
  int m = 0;
  if (!a.good || length > sizeof page || n > length || n + 16 > sizeof page) {  // no capabilities page: a SCSI-1 drive
    m = CDC_CD_R | CDC_CD_RW | CDC_DVD_R | CDC_DVD | CDC_DVD_RAM | CDC_SELECT_DISC | CDC_SELECT_SPEED | CDC_MRW |
        CDC_MRW_W | CDC_RAM;
  } else {
    if ((page[n + 6] >> 5) == 0) m |= CDC_CLOSE_TRAY;  // caddy
    if ((page[n + 2] & 0x08) == 0) m |= CDC_DVD;
    if ((page[n + 3] & 0x20) == 0) m |= CDC_DVD_RAM;
    if ((page[n + 3] & 0x10) == 0) m |= CDC_DVD_R;
    if ((page[n + 3] & 0x02) == 0) m |= CDC_CD_RW;
    if ((page[n + 3] & 0x01) == 0) m |= CDC_CD_R;
    if ((page[n + 6] & 0x08) == 0) m |= CDC_OPEN_TRAY;
    m |= CDC_SELECT_DISC;  // not a changer
  }
  g_mask = m;
  return g_mask;
}

bool can(int what) { return (kSrCapabilities & ~mask() & what) != 0; }

// cdrom.c's sanitize_format: the low-level answer (MSF for audio requests, LBA for data ones) in
// the format the caller asked for.
void sanitize_format(cdrom_addr* addr, uint8_t* current, uint8_t requested) {
  if (*current == requested) return;
  if (requested == CDROM_LBA) {
    addr->lba = addr->msf.frame + 75 * (addr->msf.second - 2 + 60 * addr->msf.minute);
  } else {
    int lba = addr->lba;
    addr->msf.frame = static_cast<uint8_t>(lba % 75);
    lba /= 75;
    lba += 2;
    addr->msf.second = static_cast<uint8_t>(lba % 60);
    addr->msf.minute = static_cast<uint8_t>(lba / 60);
  }
  *current = requested;
}

int msf_to_lba(uint8_t m, uint8_t s, uint8_t f) { return ((m * CD_SECS) + s) * CD_FRAMES + f - CD_MSF_OFFSET; }

// sr_audio_ioctl(CDROMREADTOCHDR)
int read_tochdr(cdrom_tochdr* h) {
  uint8_t buf[12];
  const uint8_t cdb[10] = {0x43, 0, 0, 0, 0, 0, 0, 0, 12, 0};
  const int rc = sr_do(cdb, Dir::FromDevice, buf, sizeof buf);
  if (rc == 0) {
    h->cdth_trk0 = buf[2];
    h->cdth_trk1 = buf[3];
  }
  return rc;
}

// sr_audio_ioctl(CDROMREADTOCENTRY); the cdrom layer always asks it for MSF.
int read_tocentry_msf(cdrom_tocentry* e) {
  uint8_t buf[12];
  const uint8_t cdb[10] = {0x43, 0x02, 0, 0, 0, 0, e->cdte_track, 0, 12, 0};
  const int rc = sr_do(cdb, Dir::FromDevice, buf, sizeof buf);
  if (rc != 0) return rc;
  e->cdte_ctrl = buf[5] & 0x0F;
  e->cdte_adr = buf[5] >> 4;
  e->cdte_datamode = (e->cdte_ctrl & 0x04) ? 1 : 0;
  e->cdte_addr.msf.minute = buf[9];
  e->cdte_addr.msf.second = buf[10];
  e->cdte_addr.msf.frame = buf[11];
  e->cdte_format = CDROM_MSF;
  return 0;
}

int ioctl_tocentry(cdrom_tocentry* user) {
  cdrom_tocentry e;
  std::memcpy(&e, user, sizeof e);
  const uint8_t requested = e.cdte_format;
  if (requested != CDROM_MSF && requested != CDROM_LBA) return -EINVAL;
  const int rc = read_tocentry_msf(&e);
  if (rc != 0) return rc;
  sanitize_format(&e.cdte_addr, &e.cdte_format, requested);
  std::memcpy(user, &e, sizeof e);
  return 0;
}

// cdrom_read_subchannel: READ SUB-CHANNEL, current position, in the caller's address format.
int ioctl_subchnl(cdrom_subchnl* user) {
  cdrom_subchnl q;
  std::memcpy(&q, user, sizeof q);
  if (q.cdsc_format != CDROM_MSF && q.cdsc_format != CDROM_LBA) return -EINVAL;
  uint8_t buf[16];
  const uint8_t cdb[10] = {0x42, q.cdsc_format, 0x40, 0x01, 0, 0, 0, 0, 16, 0};
  const int rc = sr_do(cdb, Dir::FromDevice, buf, sizeof buf);
  if (rc != 0) return rc;
  q.cdsc_audiostatus = buf[1];
  q.cdsc_ctrl = buf[5] & 0x0F;
  q.cdsc_trk = buf[6];
  q.cdsc_ind = buf[7];
  if (q.cdsc_format == CDROM_LBA) {
    q.cdsc_absaddr.lba = static_cast<int>(be32(buf + 8));
    q.cdsc_reladdr.lba = static_cast<int>(be32(buf + 12));
  } else {
    q.cdsc_reladdr.msf = {buf[13], buf[14], buf[15]};
    q.cdsc_absaddr.msf = {buf[9], buf[10], buf[11]};
  }
  std::memcpy(user, &q, sizeof q);
  return 0;
}

// sr_get_mcn
int ioctl_mcn(cdrom_mcn* user) {
  uint8_t buf[24];
  const uint8_t cdb[10] = {0x42, 0, 0x40, 0x02, 0, 0, 0, 0, 24, 0};
  const int rc = sr_do(cdb, Dir::FromDevice, buf, sizeof buf);
  if (rc != 0) return rc;
  cdrom_mcn mcn;
  std::memcpy(mcn.medium_catalog_number, buf + 9, sizeof mcn.medium_catalog_number - 1);
  mcn.medium_catalog_number[sizeof mcn.medium_catalog_number - 1] = 0;
  std::memcpy(user, &mcn, sizeof mcn);
  return 0;
}

// sr_cd_check (at open in the kernel): READ TOC with the session format in the old place, the
// control byte's top bits, as sr_vendor.c sends it to every MMC drive. The start of the last
// session's first track, unless that track is track 1.
int session_offset() {
  uint8_t buf[12];
  const uint8_t cdb[10] = {0x43, 0, 0, 0, 0, 0, 0, 0, 12, 0x40};
  if (sr_do(cdb, Dir::FromDevice, buf, sizeof buf) != 0) return 0;
  if ((buf[0] << 8 | buf[1]) < 0x0A) return 0;  // no multisession support
  if (buf[6] <= 1) return 0;
  return static_cast<int>(be32(buf + 8));
}

int ioctl_multisession(cdrom_multisession* user) {
  cdrom_multisession ms;
  std::memcpy(&ms, user, sizeof ms);
  const uint8_t requested = ms.addr_format;
  if (requested != CDROM_MSF && requested != CDROM_LBA) return -EINVAL;
  ms.addr.lba = session_offset();
  ms.xa_flag = ms.addr.lba > 0;  // sr_is_xa() is off by default (xa_test=0)
  ms.addr_format = CDROM_LBA;
  sanitize_format(&ms.addr, &ms.addr_format, requested);
  std::memcpy(user, &ms, sizeof ms);
  return 0;
}

int lock_door(bool lock) {
  const uint8_t cdb[6] = {0x1E, 0, 0, 0, static_cast<uint8_t>(lock ? 1 : 0), 0};
  return sr_do(cdb) != 0 ? -EIO : 0;
}

int tray_move(bool eject) {
  const uint8_t cdb[6] = {0x1B, 0, 0, 0, static_cast<uint8_t>(eject ? 0x02 : 0x03), 0};
  return sr_do(cdb);
}

int ioctl_eject() {
  if (!can(CDC_OPEN_TRAY)) return -ENOSYS;
  if (g_keeplocked) return -EBUSY;
  if (can(CDC_LOCK)) {
    const int rc = lock_door(false);
    if (rc != 0) return rc;
  }
  return tray_move(true);
}

int ioctl_lockdoor(unsigned long arg) {
  if (!can(CDC_LOCK)) return -EDRIVE_CANT_DO_THIS;
  g_keeplocked = arg != 0;
  return lock_door(arg != 0);
}

// sr_select_speed: SET CD SPEED in kB/s (177 per "x"), 0 for the fastest.
int ioctl_select_speed(unsigned long arg) {
  if (!can(CDC_SELECT_SPEED)) return -ENOSYS;
  unsigned long speed = arg > 0xFFFF / 177 ? 0xFFFF / 177 : arg;
  speed = speed == 0 ? 0xFFFF : speed * 177;
  const uint8_t cdb[12] = {0xBB, 0, static_cast<uint8_t>(speed >> 8), static_cast<uint8_t>(speed), 0, 0, 0, 0, 0, 0,
                           0,    0};
  return sr_do(cdb) != 0 ? -EIO : 0;
}

// scsi_test_unit_ready: a unit attention is retried (three tries in all).
Answer test_unit_ready() {
  const uint8_t cdb[6] = {0x00, 0, 0, 0, 0, 0};
  Answer a;
  for (int tries = 0; tries < 3; ++tries) {
    a = execute(cdb, Dir::None, nullptr, 0);
    if (!(a.sense && a.key == 0x06)) break;
  }
  return a;
}

// GET EVENT STATUS NOTIFICATION, polled, media class: its event code and flags, or false.
bool media_event(uint8_t* desc) {
  uint8_t buf[8];
  const uint8_t cdb[10] = {0x4A, 1, 0, 0, 1 << 4, 0, 0, 0, sizeof buf, 0};
  const Answer a = execute(cdb, Dir::FromDevice, buf, sizeof buf);
  if (!a.good || (buf[0] << 8 | buf[1]) < 4) return false;
  if ((buf[2] & 0x80) != 0 || (buf[2] & 0x07) != 0x04) return false;
  std::memcpy(desc, buf + 4, 4);
  return true;
}

// sr_drive_status
int ioctl_drive_status() {
  const Answer a = test_unit_ready();
  if (a.good) return CDS_DISC_OK;
  if (a.sense && a.key == 0x02 && a.asc == 0x04 && a.ascq == 0x01) return CDS_DRIVE_NOT_READY;
  uint8_t med[4];
  if (media_event(med)) {
    if (med[1] & 0x02) return CDS_DISC_OK;
    return (med[1] & 0x01) ? CDS_TRAY_OPEN : CDS_NO_DISC;
  }
  if (a.sense && a.key == 0x02 && a.asc == 0x04 && a.ascq == 0x02) return CDS_TRAY_OPEN;
  if (a.key == 0x02 && a.asc == 0x04) return CDS_DISC_OK;
  return a.sense && a.asc == 0x3A ? CDS_NO_DISC : CDS_TRAY_OPEN;
}

// cdrom_count_tracks, then the policy of cdrom_ioctl_disc_status.
int ioctl_disc_status() {
  cdrom_tochdr h{};
  const int rc = read_tochdr(&h);
  if (rc != 0) return rc == -ENOMEDIUM ? CDS_NO_DISC : CDS_NO_INFO;
  int audio = 0, data = 0;
  for (int i = h.cdth_trk0; i <= h.cdth_trk1; ++i) {
    cdrom_tocentry e{};
    e.cdte_track = static_cast<uint8_t>(i);
    if (read_tocentry_msf(&e) != 0) return CDS_NO_INFO;
    if (e.cdte_ctrl & CDROM_DATA_TRACK)
      ++data;  // the format byte is always MSF here, so never counted as CD-i or XA
    else
      ++audio;
  }
  if (audio > 0) return data > 0 ? CDS_MIXED : CDS_AUDIO;
  return data > 0 ? CDS_DATA_1 : CDS_NO_INFO;
}

// media_changed() through sr_check_events(): a media event, a unit attention, or a change in
// whether TEST UNIT READY finds a medium.
int ioctl_media_changed() {
  bool changed = false;
  uint8_t med[4];
  if (media_event(med) && ((med[0] & 0x0F) == 2 || (med[0] & 0x0F) == 3)) changed = true;
  const Answer a = test_unit_ready();
  const bool present = a.good || (a.sense && a.asc != 0x3A);
  if (present != g_media_present) g_changed = true;
  g_media_present = present;
  if (g_changed) changed = true;
  g_changed = false;
  return changed ? 1 : 0;
}

// mmc_ioctl_cdrom_volume: MODE SENSE(10) of the CD audio control page (0E) for the volumes;
// CDROMVOLCTRL then keeps what the changeable values allow and sends the page back with MODE
// SELECT(10).
int ioctl_volume(unsigned long request, cdrom_volctrl* user) {
  uint8_t buffer[32] = {}, mask[32] = {};
  uint32_t buflen = 24;
  auto sense = [&](uint8_t* to, uint8_t pc) {
    const uint8_t cdb[10] = {0x5A, 0, static_cast<uint8_t>(0x0E | pc << 6), 0, 0, 0,
                             0,    0, static_cast<uint8_t>(buflen),         0};
    return sr_do(cdb, Dir::FromDevice, to, buflen);
  };
  int rc = sense(buffer, 0);
  if (rc != 0) return rc;
  const unsigned offset = 8 + (unsigned{buffer[6]} << 8 | buffer[7]);
  if (offset + 16 > sizeof buffer) return -E2BIG;
  if (offset + 16 > buflen) {
    buflen = offset + 16;
    if ((rc = sense(buffer, 0)) != 0) return rc;
  }
  if ((buffer[offset] & 0x3F) != 0x0E || buffer[offset + 1] < 14) return -EINVAL;
  cdrom_volctrl v;
  std::memcpy(&v, user, sizeof v);
  if (request == CDROMVOLREAD) {
    v = {buffer[offset + 9], buffer[offset + 11], buffer[offset + 13], buffer[offset + 15]};
    std::memcpy(user, &v, sizeof v);
    return 0;
  }
  if ((rc = sense(mask, 1)) != 0) return rc;
  buffer[offset + 9] = v.channel0 & mask[offset + 9];
  buffer[offset + 11] = v.channel1 & mask[offset + 11];
  buffer[offset + 13] = v.channel2 & mask[offset + 13];
  buffer[offset + 15] = v.channel3 & mask[offset + 15];
  uint8_t* param = buffer + offset - 8;
  std::memset(param, 0, 8);
  const uint8_t cdb[10] = {0x55, 0x10, 0, 0, 0, 0, 0, 0, static_cast<uint8_t>(buflen), 0};
  return sr_do(cdb, Dir::ToDevice, param, buflen);
}

// cdrom_read_block: one sector by READ CD, of the expected sector type and size.
int ioctl_read_data(unsigned long request, cdrom_msf* arg) {
  int blocksize = CD_FRAMESIZE_RAW, format = 0;
  uint8_t flags = 0xF8;
  if (request == CDROMREADMODE1) {
    blocksize = CD_FRAMESIZE;
    format = 2;
    flags = 0x10;
  } else if (request == CDROMREADMODE2) {
    blocksize = CD_FRAMESIZE_RAW0;
    flags = 0x58;
  }
  cdrom_msf msf;
  std::memcpy(&msf, arg, sizeof msf);
  const int lba = msf_to_lba(msf.cdmsf_min0, msf.cdmsf_sec0, msf.cdmsf_frame0);
  if (lba < 0) return -EINVAL;
  static thread_local uint8_t buf[CD_FRAMESIZE_RAW];
  uint8_t cdb[12] = {0xBE, static_cast<uint8_t>(format << 2)};
  put_lba(cdb, lba);
  cdb[8] = 1;
  cdb[9] = flags;
  const int rc = sr_do(cdb, Dir::FromDevice, buf, static_cast<uint32_t>(blocksize));
  if (rc == 0) std::memcpy(arg, buf, static_cast<size_t>(blocksize));
  return rc;
}

// cdrom_read_cdda with sr's read_cdda_bpc: READ CD of CD-DA sectors straight into the caller's
// buffer, as many per command as the queue takes; after an error, one per command from then on.
int ioctl_read_audio(cdrom_read_audio* arg) {
  cdrom_read_audio ra;
  std::memcpy(&ra, arg, sizeof ra);
  int lba = 0;
  if (ra.addr_format == CDROM_MSF)
    lba = msf_to_lba(ra.addr.msf.minute, ra.addr.msf.second, ra.addr.msf.frame);
  else if (ra.addr_format == CDROM_LBA)
    lba = ra.addr.lba;
  else
    return -EINVAL;
  if (lba < 0 || ra.nframes <= 0 || ra.nframes > CD_FRAMES) return -EINVAL;
  if (ra.buf == nullptr) return -EFAULT;
  const int max_frames = static_cast<int>(max_transfer() / CD_FRAMESIZE_RAW);
  for (;;) {
    int at = lba, left = ra.nframes, rc = 0;
    uint8_t* out = ra.buf;
    while (left > 0 && rc == 0) {
      const int nr = g_cdda_single ? 1 : (left < max_frames ? left : max_frames);
      uint8_t cdb[12] = {0xBE, 1 << 2};
      put_lba(cdb, at);
      cdb[6] = static_cast<uint8_t>(nr >> 16);
      cdb[7] = static_cast<uint8_t>(nr >> 8);
      cdb[8] = static_cast<uint8_t>(nr);
      cdb[9] = 0xF8;
      const Answer a = execute(cdb, Dir::FromDevice, out, static_cast<uint32_t>(nr * CD_FRAMESIZE_RAW));
      if (!a.good) rc = -EIO;
      at += nr;
      left -= nr;
      out += nr * CD_FRAMESIZE_RAW;
    }
    if (rc == 0 || g_cdda_single || ra.nframes == 1) return rc;
    g_cdda_single = true;  // "dropping to single frame dma"
  }
}

// dvd_read_struct: READ DVD STRUCTURE of the format the caller names, picked apart as the
// kernel does.
int ioctl_dvd_read_struct(dvd_struct* s) {
  if (!can(CDC_DVD)) return -ENOSYS;
  uint8_t cdb[12] = {0xAD};
  cdb[7] = s->type;
  switch (s->type) {
    case DVD_STRUCT_PHYSICAL: {
      const int layer_num = s->physical.layer_num;
      if (layer_num >= DVD_LAYERS) return -EINVAL;
      uint8_t buf[21];
      cdb[6] = static_cast<uint8_t>(layer_num);
      cdb[9] = sizeof buf;
      const int rc = sr_do(cdb, Dir::FromDevice, buf, sizeof buf);
      if (rc != 0) return rc;
      const uint8_t* base = buf + 4;
      dvd_layer* layer = &s->physical.layer[layer_num];
      std::memset(layer, 0, sizeof *layer);
      layer->book_version = base[0] & 0xF;
      layer->book_type = base[0] >> 4;
      layer->min_rate = base[1] & 0xF;
      layer->disc_size = base[1] >> 4;
      layer->layer_type = base[2] & 0xF;
      layer->track_path = (base[2] >> 4) & 1;
      layer->nlayers = (base[2] >> 5) & 3;
      layer->track_density = base[3] & 0xF;
      layer->linear_density = base[3] >> 4;
      layer->start_sector = uint32_t{base[5]} << 16 | uint32_t{base[6]} << 8 | base[7];
      layer->end_sector = uint32_t{base[9]} << 16 | uint32_t{base[10]} << 8 | base[11];
      layer->end_sector_l0 = uint32_t{base[13]} << 16 | uint32_t{base[14]} << 8 | base[15];
      layer->bca = base[16] >> 7;
      return 0;
    }
    case DVD_STRUCT_COPYRIGHT: {
      uint8_t buf[8];
      cdb[6] = s->copyright.layer_num;
      cdb[9] = sizeof buf;
      const int rc = sr_do(cdb, Dir::FromDevice, buf, sizeof buf);
      if (rc != 0) return rc;
      s->copyright.cpst = buf[4];
      s->copyright.rmi = buf[5];
      return 0;
    }
    case DVD_STRUCT_DISCKEY: {
      static thread_local uint8_t buf[sizeof s->disckey.value + 4];
      cdb[8] = sizeof buf >> 8;
      cdb[9] = sizeof buf & 0xFF;
      cdb[10] = static_cast<uint8_t>(s->disckey.agid << 6);
      const int rc = sr_do(cdb, Dir::FromDevice, buf, sizeof buf);
      if (rc == 0) std::memcpy(s->disckey.value, buf + 4, sizeof s->disckey.value);
      return rc;
    }
    case DVD_STRUCT_BCA: {
      uint8_t buf[4 + 188];
      cdb[9] = sizeof buf & 0xFF;
      const int rc = sr_do(cdb, Dir::FromDevice, buf, sizeof buf);
      if (rc != 0) return rc;
      s->bca.len = buf[0] << 8 | buf[1];
      if (s->bca.len < 12 || s->bca.len > 188) return -EIO;
      std::memcpy(s->bca.value, buf + 4, static_cast<size_t>(s->bca.len));
      return 0;
    }
    case DVD_STRUCT_MANUFACT: {
      static thread_local uint8_t buf[sizeof s->manufact.value + 4];
      cdb[8] = sizeof buf >> 8;
      cdb[9] = sizeof buf & 0xFF;
      const int rc = sr_do(cdb, Dir::FromDevice, buf, sizeof buf);
      if (rc != 0) return rc;
      s->manufact.len = buf[0] << 8 | buf[1];
      if (s->manufact.len > 2048) s->manufact.len = 2048;
      std::memcpy(s->manufact.value, buf + 4, static_cast<size_t>(s->manufact.len));
      return 0;
    }
    default: return -EINVAL;
  }
}

}  // namespace

bool cdrom_ioctl(const Node& node, int, unsigned long request, void* arg, int* result) {
  if (!node.block) {
    // The sg driver passes these two to the SCSI layer's common ioctls: a plain START STOP UNIT.
    if (request != CDROMEJECT && request != CDROMCLOSETRAY) return false;
    const uint8_t cdb[6] = {0x1B, 0, 0, 0, static_cast<uint8_t>(request == CDROMEJECT ? 0x02 : 0x03), 0};
    *result = execute(cdb, Dir::None, nullptr, 0).good ? 0 : fail(EIO);
    return true;
  }
  const auto value = reinterpret_cast<unsigned long>(arg);
  // Ioctls whose argument is a pointer the kernel copies in or out: EFAULT for a null one.
  switch (request) {
    case CDROMREADTOCHDR:
    case CDROMREADTOCENTRY:
    case CDROMSUBCHNL:
    case CDROM_GET_MCN:
    case CDROMMULTISESSION:
    case DVD_READ_STRUCT:
    case CDROMREADRAW:
    case CDROMREADMODE1:
    case CDROMREADMODE2:
    case CDROMREADAUDIO:
    case CDROMVOLREAD:
    case CDROMVOLCTRL:
      if (arg == nullptr) {
        *result = fail(EFAULT);
        return true;
      }
      break;
    default: break;
  }
  int rc = 0;
  switch (request) {
    case CDROMREADTOCHDR: {
      cdrom_tochdr h;
      std::memcpy(&h, arg, sizeof h);
      rc = read_tochdr(&h);
      if (rc == 0) std::memcpy(arg, &h, sizeof h);
      break;
    }
    case CDROMREADTOCENTRY: rc = ioctl_tocentry(static_cast<cdrom_tocentry*>(arg)); break;
    case CDROMSUBCHNL: rc = ioctl_subchnl(static_cast<cdrom_subchnl*>(arg)); break;
    case CDROM_GET_MCN: rc = ioctl_mcn(static_cast<cdrom_mcn*>(arg)); break;
    case CDROMMULTISESSION: rc = ioctl_multisession(static_cast<cdrom_multisession*>(arg)); break;
    case DVD_READ_STRUCT: {
      static thread_local dvd_struct s;
      std::memcpy(&s, arg, sizeof s);
      rc = ioctl_dvd_read_struct(&s);
      if (rc == 0) std::memcpy(arg, &s, sizeof s);
      break;
    }
    case CDROM_SELECT_SPEED: rc = ioctl_select_speed(value); break;
    case CDROM_GET_CAPABILITY: rc = kSrCapabilities & ~mask(); break;
    case CDROM_DRIVE_STATUS: rc = ioctl_drive_status(); break;
    case CDROM_DISC_STATUS: rc = ioctl_disc_status(); break;
    case CDROM_MEDIA_CHANGED: rc = ioctl_media_changed(); break;
    case CDROMEJECT: rc = ioctl_eject(); break;
    case CDROMCLOSETRAY: rc = can(CDC_CLOSE_TRAY) ? tray_move(false) : -ENOSYS; break;
    case CDROM_LOCKDOOR: rc = ioctl_lockdoor(value); break;
    case CDROMSTART:
    case CDROMSTOP: {
      const uint8_t cdb[6] = {0x1B, 1, 0, 0, static_cast<uint8_t>(request == CDROMSTART ? 1 : 0), 0};
      rc = sr_do(cdb);
      break;
    }
    case CDROMREADRAW:
    case CDROMREADMODE1:
    case CDROMREADMODE2: rc = ioctl_read_data(request, static_cast<cdrom_msf*>(arg)); break;
    case CDROMREADAUDIO: rc = ioctl_read_audio(static_cast<cdrom_read_audio*>(arg)); break;
    case CDROMVOLREAD:
    case CDROMVOLCTRL: rc = ioctl_volume(request, static_cast<cdrom_volctrl*>(arg)); break;
    default: return false;
  }
  *result = finish(rc);
  return true;
}

}  // namespace dw::emulate::shim
