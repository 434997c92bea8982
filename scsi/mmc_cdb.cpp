// CDB layouts: reference/mmc.md and the MMC-5 draft (field positions quoted at each builder).
#include "scsi/mmc_cdb.hpp"

#include "scsi/be.hpp"

namespace dw::scsi::cdb {

namespace {
Bytes zeros(size_t n, uint8_t opcode) {
  Bytes b(n, 0);
  b[0] = opcode;
  return b;
}
uint32_t u32(int32_t v) { return static_cast<uint32_t>(v); }
}  // namespace

Bytes inquiry(uint16_t allocation) {
  auto b = zeros(6, 0x12);
  be::put16(b, 3, allocation);  // SPC-3: 3-4; old drives read byte 4 only, so keep it <= 255 for them
  return b;
}

Bytes inquiry_vpd(uint8_t page, uint16_t allocation) {
  auto b = inquiry(allocation);
  b[1] = 0x01;  // EVPD
  b[2] = page;
  return b;
}

Bytes test_unit_ready() { return zeros(6, 0x00); }

Bytes request_sense(uint8_t allocation) {
  auto b = zeros(6, 0x03);
  b[4] = allocation;
  return b;
}

Bytes get_configuration(ConfigRequest rt, uint16_t starting_feature, uint16_t allocation) {
  auto b = zeros(10, 0x46);
  b[1] = static_cast<uint8_t>(rt);
  be::put16(b, 2, starting_feature);
  be::put16(b, 7, allocation);
  return b;
}

Bytes mode_sense10(uint8_t page_code, PageControl pc, uint16_t allocation) {
  auto b = zeros(10, 0x5A);
  b[2] = static_cast<uint8_t>(static_cast<uint8_t>(pc) << 6 | (page_code & 0x3F));
  be::put16(b, 7, allocation);
  return b;
}

Bytes mode_select10(uint16_t length, bool pf) {
  auto b = zeros(10, 0x55);
  b[1] = pf ? 0x10 : 0x00;
  be::put16(b, 7, length);
  return b;
}

Bytes read_toc(TocFormat format, bool msf, uint8_t track_session, uint16_t allocation) {
  auto b = zeros(10, 0x43);
  b[1] = msf ? 0x02 : 0x00;
  b[2] = static_cast<uint8_t>(format);
  b[6] = track_session;
  be::put16(b, 7, allocation);
  return b;
}

Bytes read_disc_information(uint16_t allocation) {
  auto b = zeros(10, 0x51);
  be::put16(b, 7, allocation);
  return b;
}

Bytes read_track_information(TrackAddress type, uint32_t number, uint16_t allocation) {
  auto b = zeros(10, 0x52);
  b[1] = static_cast<uint8_t>(type);
  be::put32(b, 2, number);
  be::put16(b, 7, allocation);
  return b;
}

Bytes read_capacity() { return zeros(10, 0x25); }

Bytes read_disc_structure(uint8_t media_type, uint8_t format, uint8_t layer, uint32_t address, uint16_t allocation,
                          uint8_t agid) {
  auto b = zeros(12, 0xAD);
  b[1] = media_type & 0x0F;
  be::put32(b, 2, address);
  b[6] = layer;
  b[7] = format;
  be::put16(b, 8, allocation);
  b[10] = static_cast<uint8_t>((agid & 3) << 6);
  return b;
}

Bytes read_cd(SectorType type, Lba lba, uint32_t count, const ReadCdSelection& selection) {
  auto b = zeros(12, 0xBE);
  b[1] = static_cast<uint8_t>(static_cast<uint8_t>(type) << 2);
  be::put32(b, 2, u32(lba));
  be::put24(b, 6, count);
  b[9] = selection.byte9();
  b[10] = selection.byte10();
  return b;
}

Bytes read10(uint32_t lba, uint16_t blocks, bool fua) {
  auto b = zeros(10, 0x28);
  b[1] = fua ? 0x08 : 0x00;
  be::put32(b, 2, lba);
  be::put16(b, 7, blocks);
  return b;
}

Bytes read12(uint32_t lba, uint32_t blocks, bool fua) {
  auto b = zeros(12, 0xA8);
  b[1] = fua ? 0x08 : 0x00;
  be::put32(b, 2, lba);
  be::put32(b, 6, blocks);
  return b;
}

Bytes read_subchannel(SubchannelFormat format, bool msf, uint8_t track, uint16_t allocation, bool subq) {
  auto b = zeros(10, 0x42);
  b[1] = msf ? 0x02 : 0x00;
  b[2] = subq ? 0x40 : 0x00;
  b[3] = static_cast<uint8_t>(format);
  b[6] = track;
  be::put16(b, 7, allocation);
  return b;
}

Bytes plextor_read_cdda(Lba lba, uint32_t count, PlextorSubcode subcode) {
  auto b = zeros(12, 0xD8);
  be::put32(b, 2, u32(lba));
  be::put32(b, 6, count);
  b[10] = static_cast<uint8_t>(subcode);
  return b;
}

Bytes mediatek_read_cache(uint32_t offset, uint32_t size) {
  auto b = zeros(10, 0xF1);
  b[1] = 0x06;
  be::put32(b, 2, offset);
  be::put32(b, 6, size);
  return b;
}

Bytes set_cd_speed(uint16_t read_kbs, uint16_t write_kbs) {
  auto b = zeros(12, 0xBB);
  be::put16(b, 2, read_kbs);
  be::put16(b, 4, write_kbs);
  return b;
}

Bytes get_performance(uint32_t start_lba, uint16_t max_descriptors, bool write) {
  auto b = zeros(12, 0xAC);
  b[1] = write ? 0x04 : 0x00;  // Write bit; Except = 0: nominal performance
  be::put32(b, 2, start_lba);
  be::put16(b, 8, max_descriptors);
  b[10] = 0x00;
  return b;
}

Bytes get_write_speeds(uint16_t max_descriptors) {
  auto b = zeros(12, 0xAC);
  be::put16(b, 8, max_descriptors);
  b[10] = 0x03;
  return b;
}

Bytes start_stop_unit(StartStop action, bool immed) {
  auto b = zeros(6, 0x1B);
  b[1] = immed ? 0x01 : 0x00;
  b[4] = static_cast<uint8_t>(action);
  return b;
}

Bytes prevent_allow_medium_removal(bool prevent) {
  auto b = zeros(6, 0x1E);
  b[4] = prevent ? 0x01 : 0x00;
  return b;
}

Bytes get_event_status(uint8_t class_mask, uint16_t allocation) {
  auto b = zeros(10, 0x4A);
  b[1] = 0x01;  // Polled: ATAPI drives do not support the asynchronous form
  b[4] = class_mask;
  be::put16(b, 7, allocation);
  return b;
}

Bytes read_buffer_capacity(bool blocks, uint16_t allocation) {
  auto b = zeros(10, 0x5C);
  b[1] = blocks ? 0x01 : 0x00;
  be::put16(b, 7, allocation);
  return b;
}

Bytes send_opc_information(bool do_opc) {
  auto b = zeros(10, 0x54);
  b[1] = do_opc ? 0x01 : 0x00;
  return b;
}

Bytes send_cue_sheet(uint32_t length) {
  auto b = zeros(10, 0x5D);
  be::put24(b, 6, length);
  return b;
}

Bytes write10(Lba lba, uint16_t blocks) {
  auto b = zeros(10, 0x2A);
  be::put32(b, 2, u32(lba));
  be::put16(b, 7, blocks);
  return b;
}

Bytes synchronize_cache(bool immed) {
  auto b = zeros(10, 0x35);
  b[1] = immed ? 0x02 : 0x00;
  return b;
}

Bytes close_track_session(CloseFunction function, uint16_t track, bool immed) {
  auto b = zeros(10, 0x5B);
  b[1] = immed ? 0x01 : 0x00;
  b[2] = static_cast<uint8_t>(function);
  be::put16(b, 4, track);
  return b;
}

Bytes blank(BlankType type, bool immed, uint32_t start) {
  auto b = zeros(12, 0xA1);
  b[1] = static_cast<uint8_t>((immed ? 0x10 : 0x00) | static_cast<uint8_t>(type));
  be::put32(b, 2, start);
  return b;
}

}  // namespace dw::scsi::cdb
